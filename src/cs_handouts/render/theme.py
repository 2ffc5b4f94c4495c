"""Styles as data: the built-in ``theme.yaml``, the brand's colours and the project's
``templates/theme.yaml`` merged over it, validated into a typed Theme.

An unknown key or font in the project's file is a located error, never a silent default.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cs_handouts.content.messages import problems_from
from cs_handouts.content.model import Brand, Colour
from cs_handouts.content.yamlsource import Source, read_yaml
from cs_handouts.errors import ContentError, Problem

# The font families shipped in the package (src/cs_handouts/fonts/).
FONTS = ("NotoSans",)
LARGE_PRINT_BODY = 16.0


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sizes(_Part):
    body: float = Field(ge=6, le=40)
    small: float = Field(ge=5, le=30)
    title: float = Field(ge=8, le=72)
    heading: float = Field(ge=8, le=48)
    subheading: float = Field(ge=6, le=40)


class Colours(_Part):
    primary: Colour
    accent: Colour
    text: Colour
    muted: Colour
    rule: Colour
    fill: Colour
    script: Colour
    head: Colour | None = None  # heading rows of charts and tables; the primary colour if unset
    head_text: Colour = "#FFFFFF"


class Spacing(_Part):
    paragraph: float = Field(ge=0, le=72)
    section: float = Field(ge=0, le=144)


class Margins(_Part):
    top: float = Field(ge=36, le=216)
    bottom: float = Field(ge=36, le=216)
    left: float = Field(ge=36, le=216)
    right: float = Field(ge=36, le=216)


class Theme(_Part):
    """Fonts, sizes, colours, spacing and margins of every document."""

    font: str
    sizes: Sizes
    colors: Colours
    spacing: Spacing
    chart_row_height: float = Field(ge=12, le=144)
    line_spacing: float = Field(ge=12, le=72)
    margins: Margins

    @field_validator("font")
    @classmethod
    def _shipped_font(cls, font: str) -> str:
        if font not in FONTS:
            raise ValueError(f"unknown font '{font}'; the fonts are: {', '.join(FONTS)}")
        return font

    @property
    def scale(self) -> float:
        """How much larger than the built-in body size this theme's body text is."""
        return self.sizes.body / builtin_theme().sizes.body

    def large_print(self) -> Theme:
        """The same theme with body text of at least 16 pt and everything around it scaled."""
        factor = max(1.0, LARGE_PRINT_BODY / self.sizes.body)
        if factor == 1.0:
            return self
        data = self.model_dump()
        data["sizes"] = {k: round(v * factor, 2) for k, v in data["sizes"].items()}
        data["spacing"] = {k: round(v * factor, 2) for k, v in data["spacing"].items()}
        data["chart_row_height"] = round(self.chart_row_height * factor, 2)
        data["line_spacing"] = round(self.line_spacing * factor, 2)
        # The header and footer grow with the small size: give them room at top and bottom.
        margins = data["margins"]
        margins["top"] = min(216, round(margins["top"] * factor, 2))
        margins["bottom"] = min(216, round(margins["bottom"] * factor, 2))
        return Theme.model_validate(data)


def _builtin_data() -> dict[str, Any]:
    text = resources.files("cs_handouts").joinpath("templates/theme.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
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

