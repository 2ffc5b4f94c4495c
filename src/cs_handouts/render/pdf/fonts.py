"""The embedded Unicode font family, registered with ReportLab once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from cs_handouts.content.theme import FONTS
from cs_handouts.errors import HandoutsError

_FACES = {"regular": (0, 0), "bold": (1, 0), "italic": (0, 1), "bolditalic": (1, 1)}
_FILES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"}
SHIPPED = FONTS


@cache
def register_family(family: str) -> dict[str, str]:
    """Register a shipped family's four faces; return face -> ReportLab font name."""
    if family not in SHIPPED:
        raise HandoutsError(f"unknown font '{family}'; the fonts are: {', '.join(SHIPPED)}")
    folder = resources.files("cs_handouts").joinpath("fonts")
    names = {}
    for face, suffix in _FILES.items():
        name = f"{family}-{suffix}"
        with resources.as_file(folder.joinpath(f"{name}.ttf")) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        bold, italic = _FACES[face]
        addMapping(family, bold, italic, name)
        names[face] = name
    return names


def can_draw(family: str, text: str) -> str:
    """The characters of ``text`` that the family's regular face has no glyph for."""
    font = pdfmetrics.getFont(register_family(family)["regular"])
    widths = font.face.charWidths
    return "".join(sorted({ch for ch in text if ord(ch) not in widths and not ch.isspace()}))
