"""Styles as data: the built-in ``theme.yaml``, the brand's colours and the project's
``templates/theme.yaml`` merged over it, validated into a typed :class:`Theme`.

An unknown key or font in the project's file is a located error, never a silent default.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from cs_handouts.content.messages import problems_from
from cs_handouts.content.model import Brand
from cs_handouts.content.source import Source
from cs_handouts.content.theme import Theme
from cs_handouts.content.yamlsource import read_yaml
from cs_handouts.errors import ContentError, Location, Problem
from cs_handouts.project import outside_message, outside_series


def _builtin_data() -> dict[str, Any]:
    """The shipped theme.yaml as data, a fresh copy each time (callers change theirs)."""
    return copy.deepcopy(_read_builtin())


@lru_cache(maxsize=1)
def _read_builtin() -> dict[str, Any]:
    # A build asks for the theme several times (checks, each module, web pages): read it once.
    text = resources.files("cs_handouts").joinpath("templates/theme.yaml").read_text("utf-8")
    # LibYAML's loader where PyYAML has it: 0.4 ms instead of 3 (the shipped file, trusted).
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


@lru_cache(maxsize=1)
def builtin_theme() -> Theme:
    """The theme shipped in the package."""
    return Theme.model_validate(_builtin_data())


def load_theme(templates_dir: Path, brand: Brand, *, large_print: bool = False) -> Theme:
    """Built-in theme, then the brand's colours, then ``templates/theme.yaml``, validated.

    Raises a ContentError naming the file, line and key of every problem in the project's file.
    """
    data = _builtin_data()
    colours = {name: getattr(brand, name) for name in ("primary", "accent") if getattr(brand, name)}
    data["colors"].update(colours)
    path = templates_dir / "theme.yaml"
    source: Source | None = None
    if path.is_file():
        if outside_series(templates_dir.parent, path):
            raise ContentError([Problem(Location(path), "",
                                        outside_message(path, templates_dir.parent))])
        source = read_yaml(path)
        if not isinstance(source.data, dict):
            where = source.locate(())
            raise ContentError([Problem(where, "", "expected a mapping of theme keys to values")])
        data = merge(data, source.data)
    try:
        theme = Theme.model_validate(data)
    except ValidationError as error:
        if source is None:  # pragma: no cover - the shipped theme is tested
            raise
        raise ContentError(problems_from(error, source, Theme)) from None
    return theme.large_print() if large_print else theme


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` deep-merged over ``base``: mappings merge key by key, anything else replaces."""
    result = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = value
    return result

