"""The theme's model: fonts, sizes, colours, spacing and margins of every document.

``content/theme_file.py`` reads the built-in and the project's ``theme.yaml`` into it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from cs_handouts.content.model import Colour

# The font families shipped in the package (src/cs_handouts/fonts/) and the faces of each.
SHIPPED_FONTS = {
    "NotoSans": ("Regular", "Bold", "Italic", "BoldItalic"),
    "NotoSansRTL": ("Regular", "Bold"),  # Arabic, Hebrew and Latin in one font: see tools/
    "NotoSansSymbols": ("Regular",),  # arrows and signs
    "NotoSansSymbols2": ("Regular",),  # check marks, stars, shapes
}
# Chinese, Japanese and Korean: faces of the system's Noto Sans CJK collection (too large to
# ship), by their index in NotoSansCJK-Regular.ttc.
CJK_FONTS = {"NotoSansCJKjp": 0, "NotoSansCJKkr": 1, "NotoSansCJKsc": 2, "NotoSansCJKtc": 3}
FONTS = (*SHIPPED_FONTS, *CJK_FONTS)
LARGE_PRINT_BODY = 16.0
# The body size of the built-in theme.yaml (a test holds them equal): sizes scale from it.
BUILTIN_BODY = 10.5


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
    # Where ``font`` has no glyph, the first of these that has one draws the character.
    # Symbols before CJK: a Latin page with an arrow then needs no system CJK font.
    fallback_fonts: tuple[str, ...] = ("NotoSansRTL", "NotoSansSymbols", "NotoSansSymbols2",
                                       "NotoSansCJKsc")
    sizes: Sizes
    colors: Colours
    spacing: Spacing
    chart_row_height: float = Field(ge=12, le=144)
    line_spacing: float = Field(ge=12, le=72)
    margins: Margins

    @field_validator("font")
    @classmethod
    def _shipped_font(cls, font: str) -> str:
        if font not in SHIPPED_FONTS:
            raise ValueError(f"unknown font '{font}'; the fonts are: {', '.join(SHIPPED_FONTS)}")
        return font

    @field_validator("fallback_fonts")
    @classmethod
    def _known_fonts(cls, fonts: tuple[str, ...]) -> tuple[str, ...]:
        for font in fonts:
            if font not in FONTS:
                raise ValueError(f"unknown font '{font}'; the fonts are: {', '.join(FONTS)}")
        return fonts

    @property
    def fonts(self) -> tuple[str, ...]:
        """The body font, then its fallbacks in order."""
        return (self.font, *(f for f in self.fallback_fonts if f != self.font))

    @property
    def indent(self) -> float:
        """The indent of numbered questions, notes and references: 18 pt at the built-in size."""
        return round(18 * max(1.0, self.scale), 2)

    @property
    def scale(self) -> float:
        """How much larger than the built-in body size this theme's body text is."""
        return self.sizes.body / BUILTIN_BODY

    def large_print(self) -> Theme:
        """The same theme with body text of at least 16 pt and everything around it scaled."""
        factor = max(1.0, LARGE_PRINT_BODY / self.sizes.body)
        if factor == 1.0:
            return self
        data = self.model_dump()
        # Every size, the header's and footer's "small" too, is at least large-print size.
        data["sizes"] = {k: round(max(v * factor, LARGE_PRINT_BODY), 2)
                         for k, v in data["sizes"].items()}
        data["spacing"] = {k: round(v * factor, 2) for k, v in data["spacing"].items()}
        data["chart_row_height"] = round(self.chart_row_height * factor, 2)
        data["line_spacing"] = round(self.line_spacing * factor, 2)
        # The header and footer grow with the small size: give them room at top and bottom.
        # Two header lines above the rule, and the footer's three lines (page number, then the
        # brand's line wrapped in two), all 18 pt or more clear of the paper's edge.
        small = data["sizes"]["small"]
        margins = data["margins"]
        margins["top"] = min(216, round(max(margins["top"] * factor, small * 4.55 + 18), 2))
        margins["bottom"] = min(216, round(max(margins["bottom"] * factor, small * 4.9 + 24), 2))
        return Theme.model_validate(data)

    def tight(self) -> Theme:
        """The same theme with less space between blocks and shorter blank chart rows.

        For a document whose last page would hold only a line or two: the sizes, and the
        24 pt between writing lines, stay as they are.
        """
        data = self.model_dump()
        data["spacing"] = {k: round(v * 0.5, 2) for k, v in data["spacing"].items()}
        data["chart_row_height"] = round(max(12.0, self.chart_row_height * 0.85), 2)
        return Theme.model_validate(data)
