"""Styles as data: the built-in ``theme.yaml``, validated into a typed Theme."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field

Colour = str


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


@lru_cache(maxsize=1)
def builtin_theme() -> Theme:
    """The theme shipped in the package."""
    text = resources.files("cs_handouts").joinpath("templates/theme.yaml").read_text("utf-8")
    return Theme.model_validate(yaml.safe_load(text))
