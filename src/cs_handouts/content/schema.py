"""The content format as JSON Schema, so that editors can complete and check the YAML.

Generated from the pydantic models, then widened where the loader accepts a
shorthand: a plain string for a step, question, script, material, heading or list item, a
bare list for a checklist or a list, ``page-break`` alone as a block, and a number for ``lines``.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from cs_handouts.content.descriptions import DESCRIPTIONS
from cs_handouts.content.model import Handout, Material, Module, SeriesConfig, TextShorthand
from cs_handouts.content.steps import _Shorthand
from cs_handouts.content.theme import Theme

MODELS: dict[str, type[BaseModel]] = {"series": SeriesConfig, "module": Module, "handout": Handout,
                                      "theme": Theme}


def json_schema(kind: str) -> str:
    """The JSON Schema of a series (handouts.yaml), module or handout file, as text."""
    model = MODELS[kind]
    schema = model.model_json_schema(by_alias=True)
    definitions: dict[str, Any] = schema.get("$defs", {})
    for definition in [schema, *definitions.values()]:
        _describe(definition)
    for name, definition in definitions.items():
        if name in _SHORTHAND_NAMES:
            definitions[name] = {"anyOf": [{"type": "string"}, definition]}
    if "StepList" in definitions:
        bare = {"type": "array", "items": {"$ref": "#/$defs/StepListItem"}}
        definitions["StepList"] = {"anyOf": [bare, definitions["StepList"]]}
    if "Checklist" in definitions:
        items = {"type": "array", "items": {"type": "string"}}
        definitions["Checklist"] = {"anyOf": [items, definitions["Checklist"]]}
    if "BulletList" in definitions:  # a bare list of items
        items = {"type": "array", "items": {"$ref": "#/$defs/ListItem"}}
        definitions["BulletList"] = {"anyOf": [items, definitions["BulletList"]]}
    if "Block" in definitions:
        block = definitions["Block"]
        lines = block["properties"]["lines"]
        block["properties"]["lines"] = {"anyOf": [{"type": "integer", "minimum": 1}, lines],
                                        "description": lines.get("description", "")}
        definitions["Block"] = {"anyOf": [{"const": "page-break"}, block]}
    if kind == "theme":
        # templates/theme.yaml is merged key by key over the built-in theme: every key is optional.
        _drop_required(schema)
        schema["description"] = ("templates/theme.yaml: merged key by key over the built-in"
                                 " theme (handouts template copy theme.yaml starts from it)")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _drop_required(node: Any) -> None:
    if isinstance(node, dict):
        node.pop("required", None)
        for value in node.values():
            _drop_required(value)
    elif isinstance(node, list):
        for value in node:
            _drop_required(value)


def _describe(model: dict[str, Any]) -> None:
    """Give every property a description (for help on hover): its own, a nested one, or ours."""
    title = str(model.get("title", ""))
    table = DESCRIPTIONS.get(title) or DESCRIPTIONS.get(title.removeprefix("Inline"), {})
    for key, spec in (model.get("properties") or {}).items():
        if "description" in spec:
            continue
        nested = [option["description"] for option in spec.get("anyOf", [])
                  if isinstance(option, dict) and "description" in option]
        text = table.get(key) or (nested[0] if nested else None)
        if text:
            spec["description"] = text


_SHORTHAND_NAMES = ({cls.__name__ for cls in TextShorthand.__subclasses__()}
                    | {cls.__name__ for cls in _Shorthand.__subclasses__()} | {Material.__name__})
