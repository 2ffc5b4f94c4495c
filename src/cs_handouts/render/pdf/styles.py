"""Paragraph styles made from the theme, once per theme."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from cs_handouts.content.theme import Theme
from cs_handouts.render.pdf.fonts import FontStack, register_family, stack


@dataclass(frozen=True)
class Styles:
    """The named paragraph styles every builder shares."""

    theme: Theme
    stack: FontStack
    regular: str
    bold: str
    italic: str
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    script: ParagraphStyle
    note: ParagraphStyle
    question: ParagraphStyle
    reference: ParagraphStyle
    centred_small: ParagraphStyle
    bullet: ParagraphStyle
    detail: ParagraphStyle
    rtl: bool = False  # an edition in a right-to-left language: paragraphs from the right

    def colour(self, name: str) -> HexColor:
        """A theme colour by name."""
        return HexColor(getattr(self.theme.colors, name))

    def head_fill(self) -> HexColor:
        """The fill of chart and table heading rows."""
        return HexColor(self.theme.colors.head or self.theme.colors.primary)


@lru_cache(maxsize=8)
def make_styles(theme: Theme, rtl: bool = False) -> Styles:
    """Build the paragraph styles for ``theme``; fonts are registered on first use.

    ``rtl``: every paragraph holding right-to-left text is ordered right to left, and all
    align to the right.
    """
    faces = register_family(theme.font)
    fonts = stack(theme.fonts)
    size = theme.sizes
    colour = theme.colors
    body = ParagraphStyle(
        "body", fontName=faces["regular"], fontSize=size.body, leading=size.body * 1.4,
        bulletFontSize=size.body,  # ReportLab's default is 10 pt, whatever the theme says
        bulletFontName=faces["regular"],  # and its default font, Helvetica, is not embedded
        textColor=HexColor(colour.text), spaceAfter=theme.spacing.paragraph,
        alignment=TA_RIGHT if rtl else TA_LEFT, rtl=rtl,
        fontStack=fonts,  # text.Paragraph sets what the body font cannot draw in a fallback
    )

    def derived(name: str, **changes: object) -> ParagraphStyle:
        # No style is smaller than the theme's small size: large print stays large everywhere.
        font_size = changes.get("fontSize")
        if isinstance(font_size, float | int) and font_size < size.small:
            leading = changes.get("leading")
            ratio = float(leading) / font_size if isinstance(leading, float | int) else 1.3
            changes = {**changes, "fontSize": size.small, "leading": size.small * ratio}
        return ParagraphStyle(name, parent=body, **changes)

    indent = theme.indent  # grows with the text, so a large "10." still fits before its text
    return Styles(
        theme=theme,
        rtl=rtl,
        stack=fonts,
        regular=faces["regular"],
        bold=faces["bold"],
        italic=faces["italic"],
        body=body,
        small=derived("small", fontSize=size.small, leading=size.small * 1.35, spaceAfter=2),
        muted=derived("muted", fontSize=size.small, leading=size.small * 1.35,
                      textColor=HexColor(colour.muted), spaceAfter=2),
        title=derived("title", fontName=faces["bold"], fontSize=size.title,
                      leading=size.title * 1.2, textColor=HexColor(colour.primary), spaceAfter=4),
        subtitle=derived("subtitle", fontSize=size.subheading, leading=size.subheading * 1.35,
                         textColor=HexColor(colour.muted), spaceAfter=theme.spacing.section * 0.6),
        heading=derived("heading", fontName=faces["bold"], fontSize=size.heading,
                        leading=size.heading * 1.25, textColor=HexColor(colour.primary),
                        spaceBefore=theme.spacing.section, spaceAfter=theme.spacing.paragraph),
        subheading=derived("subheading", fontName=faces["bold"], fontSize=size.subheading,
                           leading=size.subheading * 1.3, spaceBefore=theme.spacing.section * 0.6,
                           spaceAfter=theme.spacing.paragraph * 0.6),
        label=derived("label", fontName=faces["bold"], fontSize=size.small,
                      leading=size.small * 1.3, textColor=HexColor(colour.muted), spaceAfter=0),
        cell=derived("cell", spaceAfter=0),
        cell_head=derived("cell_head", fontName=faces["bold"], fontSize=size.body * 0.95,
                          leading=size.body * 1.25, textColor=HexColor(colour.head_text),
                          spaceAfter=0),
        # Read aloud standing: upright, 12 pt or more, so emphasis (italic) still stands out.
        script=derived("script", fontSize=max(12.0, size.body * 1.15),
                       leading=max(12.0, size.body * 1.15) * 1.45),
        note=derived("note", fontSize=size.body * 0.95, leading=size.body * 1.3, spaceAfter=0),
        question=derived("question", leftIndent=indent, bulletIndent=0, bulletFontName=faces["bold"],
                         spaceAfter=2),
        reference=derived("reference", fontSize=size.small, leading=size.small * 1.35,
                          leftIndent=indent, firstLineIndent=-indent, spaceAfter=4),
        bullet=derived("bullet", leftIndent=indent * 0.8, bulletIndent=2, spaceAfter=2,
                       bulletFontName=faces["regular"]),  # not Helvetica, which is not embedded
        detail=derived("detail", leftIndent=indent, fontSize=size.body * 0.92,
                       leading=size.body * 1.3, textColor=HexColor(colour.accent), spaceAfter=4),
        centred_small=derived("centred_small", fontSize=size.small, leading=size.small * 1.25,
                              alignment=TA_CENTER, spaceAfter=0),
    )
