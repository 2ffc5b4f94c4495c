"""The content format as JSON Schema, so that editors can complete and check the YAML.

Generated from the pydantic models, then widened where the loader accepts a
shorthand: a plain string for a step, question, script or material, a bare list for a
checklist, ``page-break`` alone as a block, and a number for ``lines``.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from cs_handouts.content.model import Handout, Material, Module, SeriesConfig, TextShorthand
from cs_handouts.content.steps import _Shorthand

MODELS: dict[str, type[BaseModel]] = {"series": SeriesConfig, "module": Module, "handout": Handout}


def json_schema(kind: str) -> str:
    """The JSON Schema of a series (handouts.yaml), module or handout file, as text."""
    model = MODELS[kind]
    schema = model.model_json_schema(by_alias=True)
    definitions: dict[str, Any] = schema.get("$defs", {})
    for name, definition in definitions.items():
        if name in _SHORTHAND_NAMES:
            definitions[name] = {"anyOf": [{"type": "string"}, definition]}
    if "ListSpec" in definitions:
        bare = {"type": "array", "items": {"$ref": "#/$defs/ListItem"}}
        definitions["ListSpec"] = {"anyOf": [bare, definitions["ListSpec"]]}
    if "Checklist" in definitions:
        items = {"type": "array", "items": {"type": "string"}}
        definitions["Checklist"] = {"anyOf": [items, definitions["Checklist"]]}
    if "Block" in definitions:
        block = definitions["Block"]
        lines = block["properties"]["lines"]
        block["properties"]["lines"] = {"anyOf": [{"type": "integer", "minimum": 1}, lines]}
        definitions["Block"] = {"anyOf": [{"const": "page-break"}, block]}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


_SHORTHAND_NAMES = ({cls.__name__ for cls in TextShorthand.__subclasses__()}
                    | {cls.__name__ for cls in _Shorthand.__subclasses__()} | {Material.__name__})
