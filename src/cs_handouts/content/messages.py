"""Turn pydantic's validation errors into located messages a YAML author understands."""

from __future__ import annotations

import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from cs_handouts.content.model import COLOUR_PATTERN, ID_PATTERN
from cs_handouts.content.source import Path_, Source, dotted
from cs_handouts.errors import Problem
from cs_handouts.text.suggest import did_you_mean


def problems_from(error: ValidationError, source: Source, model: type[BaseModel],
                  prefix: Path_ = ()) -> list[Problem]:
    """One located Problem per pydantic error, ``prefix`` being where ``model`` sits in the file."""
    problems = []
    for detail in error.errors(include_url=False):
        loc = detail["loc"]
        is_key = bool(loc) and loc[-1] == "[key]"
        data_path = _data_path(source.data, prefix, loc[:-1] if is_key else loc)
        kind = detail["type"]
        if is_key:
            location = source.locate(data_path, key=True)
            message = f"{_show(detail.get('input'))} cannot be a name here: {_describe(detail)}"
        elif kind == "extra_forbidden":
            location = source.locate(data_path, key=True)
            message = _unknown_key(model, data_path[len(prefix):])
        elif kind == "missing":
            location = source.locate(data_path[:-1])
            message = "required field is missing"
        else:
            location = source.locate(data_path)
            message = _describe(detail)
        problems.append(Problem(location, dotted(data_path), message))
    return problems


def _data_path(data: Any, prefix: Path_, loc: tuple[int | str, ...]) -> Path_:
    """Follow pydantic's ``loc`` through the data, dropping the names of union members."""
    node = data
    for part in prefix:
        node = node[part] if _has(node, part) else None
    path = list(prefix)
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if _has(node, part):
            node = node[part]
            path.append(part)
        elif last and isinstance(part, str) and not part.startswith(("function-", "tagged-")):
            path.append(part)  # a missing or unknown key: it belongs in the message's field
    return tuple(path)


def _has(node: Any, part: int | str) -> bool:
    if isinstance(node, dict):
        return part in node
    if isinstance(node, list):
        return isinstance(part, int) and 0 <= part < len(node)
    return False


def _unknown_key(model: type[BaseModel], path: Path_) -> str:
    key = str(path[-1])
    owner = _model_at(model, path[:-1])
    if owner is None:
        return f"unknown key '{key}'"
    allowed = [info.alias or name for name, info in owner.model_fields.items()]
    hint = did_you_mean(key, allowed)
    return f"unknown key '{key}'{hint or '; expected one of: ' + ', '.join(allowed)}"


def _model_at(model: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path`` below ``model``."""
    current: Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = [a for a in typing.get_args(current) if a is not type(None)]
            current = args[0] if args else None
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = next((f for n, f in current.model_fields.items() if part in (n, f.alias)), None)
        if field is None:
            return None
        current = field.annotation
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional and Annotated, keeping lists for the caller to index into."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = members[0]
        else:
            return annotation


_TYPE_NAMES = {
    "int": "a whole number",
    "float": "a number",
    "bool": "yes or no (true or false)",
    "string": "text",
    "list": "a list",
    "dict": "a mapping of keys to values",
    "model": "a mapping of keys to values",
    "date": "a date such as 2026-09-14",
}


def _describe(detail: Any) -> str:
    """A plain-language message for one pydantic error."""
    kind: str = detail["type"]
    value = detail.get("input")
    context = detail.get("ctx") or {}
    shown = _show(value)
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return f"expected a whole number, got {shown}"
    if kind.endswith("_type") or kind.endswith("_parsing") or kind == "model_attributes_type":
        wanted = _TYPE_NAMES.get(kind.split("_")[0], kind.split("_")[0])
        return f"expected {wanted}, got {shown}"
    if kind == "literal_error":
        expected = context.get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",")]
        hint = did_you_mean(str(value), choices)
        return f"expected one of {expected}, got {shown}{hint}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {
            "greater_than_equal": "at least {ge}",
            "less_than_equal": "at most {le}",
            "greater_than": "more than {gt}",
            "less_than": "less than {lt}",
        }[kind].format(**context)
        return f"must be {bound}, got {shown}"
    if kind == "too_short":
        if context.get("min_length") == 1:
            return "must not be empty"
        return f"needs at least {context.get('min_length')} items"
    if kind == "too_long":
        return f"has too many items (at most {context.get('max_length')})"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {context.get('max_length')} characters)"
    if kind == "string_pattern_mismatch":
        if context.get("pattern") == ID_PATTERN:
            return (f"{shown} is not a valid id: use lowercase letters, digits and hyphens,"
                    " starting with a letter or digit")
        if context.get("pattern") == COLOUR_PATTERN:
            return f"{shown} is not a colour: write it as #RRGGBB, such as #1F4E79"
        return f"{shown} is not a valid name: use letters, digits and underscores"
    if kind == "value_error":
        return str(context.get("error", detail["msg"]))
    return str(detail["msg"])


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return repr(text)
