"""Chinese, Japanese and Korean glyphs from the system's Noto Sans CJK, cut to what a build uses.

Noto Sans CJK is a 20 MB collection with PostScript (CFF) outlines, which ReportLab
cannot read or embed. So the characters a build prints are cut out with fontTools and
their outlines converted to TrueType ones, in memory; ReportLab then embeds a subset
as usual. A later string with new characters makes a new, larger cut (a "generation").
"""

from __future__ import annotations

import io
import threading
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from cs_handouts.content.fontfiles import CJK_FOLDERS
from cs_handouts.content.theme import CJK_FONTS
from cs_handouts.errors import HandoutsError
from cs_handouts.text.catalogs import every_translation

_FOLDERS = CJK_FOLDERS
_PACKAGE = "fonts-noto-cjk"
# Punctuation every CJK text needs, cut in from the start so that labels rarely grow the font;
# and the space, which a run of CJK keeps between its words.
_ALWAYS = " ，。、：；！？（）「」『』《》〈〉【】…—～・　０１２３４５６７８９"

_lock = threading.Lock()
_wanted: dict[str, set[str]] = {}
_covered: dict[str, frozenset[str]] = {}
_generation: dict[str, int] = {}


def _collection(weight: str) -> Path:
    """The system's Noto Sans CJK collection of ``weight``, or an error naming the package."""
    for folder in _FOLDERS:
        path = Path(folder) / f"NotoSansCJK-{weight}.ttc"
        if path.is_file():
            return path
    raise HandoutsError(f"Chinese, Japanese and Korean text needs the Noto Sans CJK fonts"
                        f" (NotoSansCJK-{weight}.ttc), which are not installed: install the"
                        f" Debian package {_PACKAGE} (apt-get install {_PACKAGE})")


@cache
def cmap(family: str) -> frozenset[int]:
    """The code points the family's face of the collection has glyphs for."""
    from fontTools.ttLib import TTFont as ToolsFont  # heavy: only CJK text pays for it

    with ToolsFont(str(_collection("Regular")), fontNumber=CJK_FONTS[family], lazy=True) as font:
        return frozenset(font.getBestCmap())


def want(family: str, chars: set[str]) -> None:
    """Note characters this family will draw, for the next cut."""
    with _lock:
        _wanted.setdefault(family, set()).update(chars)


def family_covering(family: str, text: str) -> str:
    """The registered name of a cut of ``family`` that has every character of ``text``."""
    codes = cmap(family)
    needed = {ch for ch in text if ord(ch) in codes}
    with _lock:
        covered = _covered.get(family, frozenset())
        if needed <= covered and family in _generation:
            return f"{family}-{_generation[family]}"
        # The labels' words too (every catalog): a guide's headings then need no second cut.
        always = _ALWAYS + "".join(ch for ch in every_translation() if ord(ch) >= 0x2E80)
        chars = frozenset(covered | needed | _wanted.get(family, set())
                          | {ch for ch in always if ord(ch) in codes})
        generation = _generation.get(family, 0) + 1
        name = f"{family}-{generation}"
        faces = {weight: f"{name}-{weight}" for weight in ("Regular", "Bold")}
        for weight, face in faces.items():
            data = io.BytesIO(_cut(_collection(weight), CJK_FONTS[family], "".join(sorted(chars)),
                                   face))
            data.name = f"{face}.ttf"  # ReportLab names the embedded file after it: keep it unique
            pdfmetrics.registerFont(TTFont(face, data))
        for bold, italic in ((0, 0), (0, 1), (1, 0), (1, 1)):
            addMapping(name, bold, italic, faces["Bold" if bold else "Regular"])
        _covered[family], _generation[family] = chars, generation
        return name


def _cut(path: Path, index: int, text: str, name: str) -> bytes:
    """A TrueType font named ``name`` with the glyphs of ``text`` from a CFF collection's face.

    Each cut has a PostScript name of its own: ReportLab keys a PDF's font objects by it.
    """
    from fontTools.ttLib import TTFont as ToolsFont

    with ToolsFont(str(path), fontNumber=index) as font:
        return _converted(font, text, name)


def _converted(font: Any, text: str, name: str) -> bytes:
    """``font`` cut to ``text``, with TrueType outlines, named ``name``."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    options = subset.Options()
    options.layout_features = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    glyphs, order = font.getGlyphSet(), font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for glyph in order:
        pen = TTGlyphPen(glyphs)
        # CFF outlines are cubic and run the other way round from TrueType's quadratic ones.
        glyphs[glyph].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[glyph] = pen.glyph()
    font["glyf"], font["loca"] = glyf, newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"
    for record in font["name"].names:
        if record.nameID == 6:
            record.string = name
    font.recalcTimestamp = False  # the source's date, not now's: same input, same bytes
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
