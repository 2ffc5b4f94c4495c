"""The theme's ordered font list: each run of text uses the first font that has its glyphs.

ReportLab has no fallback for TrueType fonts, so the runs are found here from each
font's character map. Shipped fonts live in ``src/cs_handouts/fonts/``; the CJK fonts
come from the system (Debian's fonts-noto-cjk) and are cut down to the characters a
build uses (``cjk.py``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics

from cs_handouts.content.theme import CJK_FONTS, SHIPPED_FONTS
from cs_handouts.errors import HandoutsError
from cs_handouts.render.pdf import cjk
from cs_handouts.render.pdf.facecache import read_font

_FACES = {"regular": (0, 0), "bold": (1, 0), "italic": (0, 1), "bolditalic": (1, 1)}
_FILES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"}
# The shipped family with Arabic and Hebrew (and Latin and digits).
RTL_FAMILY = "NotoSansRTL"


# Faces registered by name but not read yet: face name -> (its file, its family).
_NOT_READ: dict[str, tuple[str, str]] = {}


class _FacesOnDemand(dict[str, Any]):
    """ReportLab's table of fonts, reading a shipped face from its file when first asked for.

    Reading a face costs about 8 ms, and a series in English prints three of the eight
    faces its font list names. ReportLab finds every font by ``_fonts[name]``
    (``pdfmetrics.getFont``), so that lookup is where a face is read.
    """

    def __missing__(self, name: str) -> Any:
        if name not in _NOT_READ:
            raise KeyError(name)
        path, family = _NOT_READ.pop(name)
        pdfmetrics.registerFont(read_font(name, path))
        # Registering a TrueType face makes it a family of its own for <b> and <i>; the
        # family's mapping is the one that counts.
        _map_faces(family, register_family(family))
        return dict.__getitem__(self, name)


def _read_on_demand() -> None:
    if not isinstance(pdfmetrics._fonts, _FacesOnDemand):
        pdfmetrics._fonts = _FacesOnDemand(pdfmetrics._fonts)


@cache
def register_family(family: str) -> dict[str, str]:
    """Register a shipped family's faces, each read when first used; return face -> font name.

    A face the family lacks (NotoSansRTL has no italic) is its upright or regular face.
    """
    faces = SHIPPED_FONTS.get(family)
    if faces is None:
        raise HandoutsError(f"unknown font '{family}'; the fonts are: {', '.join(SHIPPED_FONTS)}")
    _read_on_demand()
    folder = resources.files("cs_handouts").joinpath("fonts")
    names: dict[str, str] = {}
    for face, suffix in _FILES.items():
        if suffix not in faces:
            continue
        name = f"{family}-{suffix}"
        if name not in pdfmetrics._fonts:
            _NOT_READ[name] = (str(folder.joinpath(f"{name}.ttf")), family)
        names[face] = name
    names.setdefault("bold", names["regular"])
    names.setdefault("italic", names["regular"])
    names.setdefault("bolditalic", names["bold"])
    _map_faces(family, names)
    return names


def _map_faces(family: str, names: dict[str, str]) -> None:
    for face, (bold, italic) in _FACES.items():
        addMapping(family, bold, italic, names[face])


@cache
def _cmap(family: str) -> frozenset[int]:
    """The code points a family has glyphs for."""
    if family in CJK_FONTS:
        return cjk.cmap(family)
    font = pdfmetrics.getFont(register_family(family)["regular"])
    return frozenset(font.face.charWidths)


@cache
def _drawable(family: str) -> frozenset[str]:
    """The characters a family draws (controls left out): most text is all in the first font."""
    return frozenset(ch for ch in map(chr, _cmap(family)) if unicodedata.category(ch) != "Cc")


@dataclass(frozen=True)
class FontStack:
    """An ordered list of font families: the first is the body font, the others fallbacks."""

    families: tuple[str, ...]

    def family_for(self, ch: str) -> str | None:
        """The first family that can draw ``ch``; None when none can (or it is a control)."""
        if unicodedata.category(ch) == "Cc":  # some fonts map controls to blank glyphs
            return None
        code = ord(ch)
        for family in self.families:
            if code in _cmap(family):
                return family
        return None

    def has(self, family: str, ch: str) -> bool:
        """Whether ``family`` has a glyph for ``ch``."""
        return ord(ch) in _cmap(family)

    def missing(self, text: str) -> str:
        """The characters of ``text`` that no font of the stack can draw, sorted."""
        missing: set[str] = set()
        wanted: dict[str, set[str]] = {}
        chars = set(text)
        if self.families[0] not in CJK_FONTS:  # a CJK body font's characters are all wanted
            chars -= _drawable(self.families[0])
        for ch in chars:
            family = None if ch.isspace() else self.family_for(ch)
            if family in CJK_FONTS:
                wanted.setdefault(family, set()).add(ch)
            elif family is None and not ch.isspace():
                missing.add(ch)
        for family, chars in wanted.items():
            cjk.want(family, chars)  # checked before rendering: the CJK cut then has them all
        return "".join(sorted(missing))

    def only_first(self, text: str) -> bool:
        """Whether the first family draws all of ``text`` (spaces and unknown characters aside)."""
        first = self.families[0]
        return all((ch.isspace() and self.has(first, ch)) or self.family_for(ch) is None
                   for ch in set(text) - _drawable(first))

    def runs(self, text: str) -> Iterator[tuple[str, str]]:
        """Split ``text`` into (family, run): spaces and unknown characters join the run before."""
        if text and self.only_first(text):  # one run: the usual case, found without a loop
            yield self.face_family(self.families[0], text), text
            return
        current, start = self.families[0], 0
        for index, ch in enumerate(text):
            if ch.isspace() and self.has(current, ch):
                continue
            family = self.family_for(ch) or current
            if family != current:
                if index > start:
                    yield self.face_family(current, text[start:index]), text[start:index]
                current, start = family, index
        if len(text) > start:
            yield self.face_family(current, text[start:]), text[start:]

    def face_family(self, family: str, text: str) -> str:
        """The regular face that draws ``text`` (a CJK cut is registered on demand).

        A face, not a family: ReportLab finds the bold and italic faces from a face's name.
        """
        if family in CJK_FONTS:
            return cjk.family_covering(family, text) + "-Regular"
        return register_family(family)["regular"]


def stack(fonts: tuple[str, ...]) -> FontStack:
    """The stack of ``fonts`` with every shipped family registered."""
    for family in fonts:
        if family not in CJK_FONTS:
            register_family(family)
    return FontStack(fonts)


def can_draw(fonts: tuple[str, ...], text: str) -> str:
    """The characters of ``text`` that no font of ``fonts`` has a glyph for."""
    return stack(fonts).missing(text)
