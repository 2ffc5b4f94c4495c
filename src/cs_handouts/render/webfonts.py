"""The web pages' font: the PDFs' family as small WOFF2 files, one per face and script range.

A page names every file with its ``unicode-range`` (as Google Fonts serves Noto Sans), so a
browser fetches only the ranges the page uses: an English page loads three files of about
18 KB instead of three whole fonts of 500 KB. The files are cut once, by
``tools/make_web_fonts.py``, into ``src/cs_handouts/fonts/web/``; a family without them
(a theme's other font) ships its whole TrueType faces instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

# The faces the pages use: (face, CSS weight, CSS style). The browser makes bold italic.
WEB_FACES = (("Regular", "normal", "normal"), ("Bold", "bold", "normal"),
             ("Italic", "normal", "italic"))

# Google Fonts' ranges for Noto Sans, as inclusive code point pairs.
RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "latin": ((0x0000, 0x00FF), (0x0131, 0x0131), (0x0152, 0x0153), (0x02BB, 0x02BC),
              (0x02C6, 0x02C6), (0x02DA, 0x02DA), (0x02DC, 0x02DC), (0x0304, 0x0304),
              (0x0308, 0x0308), (0x0329, 0x0329), (0x2000, 0x206F), (0x20AC, 0x20AC),
              (0x2122, 0x2122), (0x2191, 0x2191), (0x2193, 0x2193), (0x2212, 0x2212),
              (0x2215, 0x2215), (0xFEFF, 0xFEFF), (0xFFFD, 0xFFFD)),
    "latin-ext": ((0x0100, 0x02BA), (0x02BD, 0x02C5), (0x02C7, 0x02CC), (0x02CE, 0x02D7),
                  (0x02DD, 0x02FF), (0x1D00, 0x1DBF), (0x1E00, 0x1E9F), (0x1EF2, 0x1EFF),
                  (0x2020, 0x2020), (0x20A0, 0x20AB), (0x20AD, 0x20C0), (0x2113, 0x2113),
                  (0x2C60, 0x2C7F), (0xA720, 0xA7FF)),
    "vietnamese": ((0x0102, 0x0103), (0x0110, 0x0111), (0x0128, 0x0129), (0x0168, 0x0169),
                   (0x01A0, 0x01A1), (0x01AF, 0x01B0), (0x0300, 0x0301), (0x0303, 0x0304),
                   (0x0308, 0x0309), (0x0323, 0x0323), (0x0329, 0x0329), (0x1EA0, 0x1EF9),
                   (0x20AB, 0x20AB)),
    "greek": ((0x0370, 0x0377), (0x037A, 0x037F), (0x0384, 0x038A), (0x038C, 0x038C),
              (0x038E, 0x03A1), (0x03A3, 0x03FF), (0x1F00, 0x1FFF)),
    "cyrillic": ((0x0301, 0x0301), (0x0400, 0x052F), (0x1C80, 0x1C88), (0x20B4, 0x20B4),
                 (0x2DE0, 0x2DFF), (0xA640, 0xA69F), (0xFE2E, 0xFE2F)),
}


@dataclass(frozen=True)
class WebFont:
    """One font file beside the pages and the @font-face rule that names it."""

    name: str  # the file's name in html/fonts/
    source: Traversable
    weight: str
    style: str
    unicode_range: str  # the CSS unicode-range, empty for a whole font
    format: str  # woff2 or truetype


def web_fonts(family: str) -> list[WebFont]:
    """The files of ``family`` the web pages use: its range subsets, else its whole faces."""
    fonts = resources.files("cs_handouts").joinpath("fonts")
    found = []
    for face, weight, style in WEB_FACES:
        whole = fonts.joinpath(f"{family}-{face}.ttf")
        parts = [(name, fonts.joinpath("web", f"{family}-{face}.{name}.woff2"))
                 for name in RANGES]
        if all(source.is_file() for _, source in parts):
            found += [WebFont(source.name, source, weight, style, css_range(RANGES[name]),
                              "woff2") for name, source in parts]
        elif whole.is_file():
            found.append(WebFont(whole.name, whole, weight, style, "", "truetype"))
    return found


def css_range(pairs: tuple[tuple[int, int], ...]) -> str:
    """The CSS unicode-range of inclusive code point pairs: ``U+0000-00FF, U+0131``."""
    return ", ".join(f"U+{low:04X}" if low == high else f"U+{low:04X}-{high:04X}"
                     for low, high in pairs)
