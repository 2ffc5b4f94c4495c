"""Text in any script: font fallback runs, right-to-left paragraphs, CJK line breaking.

Every Paragraph and every string a canvas draws goes through here:
- a run of characters the body font cannot draw gets the first fallback font that can;
- a paragraph holding Arabic or Hebrew is set in one font (NotoSansRTL), shaped with
  HarfBuzz and ordered with the Unicode bidi algorithm (ReportLab does both only for a
  one-font paragraph, so inline bold is dropped there), and carries the logical text as
  the PDF's ActualText so that copying and pdftotext read it in reading order;
- a paragraph with Chinese, Japanese or Korean breaks between any two characters.
"""

from __future__ import annotations

import html
import re
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import bidiShapedText, rtlSupport
from reportlab.platypus import Paragraph as _Paragraph

from cs_handouts.errors import HandoutsError
from cs_handouts.render.pdf.bidi import display_order
from cs_handouts.render.pdf.fonts import RTL_FAMILY, FontStack, register_family
from cs_handouts.text.scripts import has_cjk, is_rtl, starts_rtl

_TAG = re.compile(r"(<[^>]*>)")
_PIECE = re.compile(r"&#?\w+;|.", re.DOTALL)  # an entity stays whole, in the run it starts


def _needs_rtl_support() -> None:
    if not rtlSupport:  # pragma: no cover - only when ReportLab was imported before us
        raise HandoutsError("right-to-left text cannot be ordered: cs_handouts.render.pdf must be"
                            " imported before ReportLab")


def _stack(style: ParagraphStyle) -> FontStack | None:
    found: FontStack | None = getattr(style, "fontStack", None)
    return found


def _bold(font_name: str) -> bool:
    return "Bold" in font_name


def rtl_face(font_name: str) -> str:
    """The NotoSansRTL face of the same weight as ``font_name``."""
    return register_family(RTL_FAMILY)["bold" if _bold(font_name) else "regular"]


def with_fallback(markup: str, stack: FontStack) -> str:
    """ReportLab markup with each run the body font cannot draw wrapped in its fallback font."""
    out: list[str] = []
    for part in _TAG.split(markup):
        if not part or part.startswith("<"):
            out.append(part)
            continue
        pieces = _PIECE.findall(part)
        plain = "".join(html.unescape(p) if len(p) > 1 else p for p in pieces)
        if stack.missing(plain) == "" and all(stack.family_for(ch) in (None, stack.families[0])
                                              for ch in plain if not ch.isspace()):
            out.append(part)
            continue
        for face, run in _runs(pieces, stack):
            out.append(run if face is None else f'<font face="{face}">{run}</font>')
    return "".join(out)


def _runs(pieces: list[str], stack: FontStack) -> list[tuple[str | None, str]]:
    """Markup pieces (characters, whole entities) grouped by the face that draws them.

    The face is None for the body font, which the paragraph's style already sets.
    """
    groups: list[tuple[str, list[str]]] = []
    for piece in pieces:
        ch = html.unescape(piece) if len(piece) > 1 else piece
        family = groups[-1][0] if groups else stack.families[0]
        if not ch.isspace():
            family = stack.family_for(ch[0]) or family
        if groups and groups[-1][0] == family:
            groups[-1][1].append(piece)
        else:
            groups.append((family, [piece]))
    return [(None if family == stack.families[0]
             else stack.face_family(family, "".join(html.unescape(p) for p in run)), "".join(run))
            for family, run in groups]


class Paragraph(_Paragraph):
    """ReportLab's Paragraph with font fallback, right to left and CJK breaking applied."""

    def __init__(self, text: str | None, style: ParagraphStyle, *args: Any, **kwargs: Any) -> None:
        self.direction: str | None = None
        self.logical = ""
        stack = _stack(style)
        if text is not None and stack is not None:
            plain = html.unescape(_TAG.sub("", text))
            if is_rtl(plain) and RTL_FAMILY in stack.families:
                _needs_rtl_support()
                rtl_edition = bool(getattr(style, "rtl", False))
                self.direction = "RTL" if rtl_edition or starts_rtl(plain) else "LTR"
                text = _TAG.sub(lambda m: " " if m.group(0).startswith("<br") else "", text)
                # ReportLab orders words split at spaces: a no-break space (kept last words
                # together) would hide a word from the bidi pass.
                text = text.replace("\xa0", " ").replace("&nbsp;", " ")
                self.logical = " ".join(html.unescape(text).split())
                changes: dict[str, Any] = {"fontName": rtl_face(style.fontName),
                                           "wordWrap": self.direction, "shaping": 1}
                if self.direction == "RTL":  # indents and the number move to the right
                    changes.update(leftIndent=style.rightIndent, rightIndent=style.leftIndent)
                    if style.alignment == TA_LEFT:
                        changes["alignment"] = TA_RIGHT
                style = style.clone(f"{style.name}-bidi", **changes)
            else:
                text = with_fallback(text, stack)
                if has_cjk(plain) and style.wordWrap != "CJK":
                    style = style.clone(f"{style.name}-cjk", wordWrap="CJK")
        super().__init__(text, style, *args, **kwargs)
        self._fresh = (text, style, args, kwargs)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self.direction is not None:
            # ReportLab shapes and reorders the fragments in place: a second wrap (tables and
            # keep-together wrap twice) would reorder them again, so start from the text.
            text, style, args, kwargs = self._fresh
            super().__init__(text, style, *args, **kwargs)
        size: tuple[float, float] = super().wrap(available_width, available_height)
        return size

    def draw(self) -> None:
        if self.direction is None:
            super().draw()
            return
        # The glyphs are shaped and in display order; the ActualText gives readers the words.
        actual = display_order(self.logical, self.direction)
        self.canv.addLiteral(f"/Span <</ActualText <FEFF{actual.encode('utf-16-be').hex()}>>> BDC")
        super().draw()
        self.canv.addLiteral("EMC")


    def split(self, available_width: float, available_height: float) -> list[Any]:
        if self.direction is not None:
            # Shaping leaves no logical text in the pieces: a right-to-left paragraph moves
            # whole to the next page, so that its ActualText stays true.
            return []
        parts: list[Any] = super().split(available_width, available_height)
        return parts


Piece = tuple[str, str, "str | None"]  # font, text, direction (None: no bidi, no shaping)


def pieces(text: str, font: str, stack: FontStack | None) -> list[Piece]:
    """(font, text, direction) pieces, left to right, for ``text`` set in ``font``."""
    if stack is None or not text:
        return [(font, text, None)]
    if is_rtl(text) and RTL_FAMILY in stack.families:
        _needs_rtl_support()
        return [(rtl_face(font), text, "RTL" if starts_rtl(text) else "LTR")]
    bold = _bold(font)
    return [(font if face == stack.face_family(stack.families[0], "") else _face_of(face, bold),
             run, None) for face, run in stack.runs(text)]


def width(found: list[Piece], size: float) -> float:
    """The width of pieces set at ``size``."""
    total = 0.0
    for face, run, direction in found:
        if direction is None:
            total += stringWidth(run, face, size)
        else:
            total += bidiShapedText(run, direction, fontName=face, fontSize=size, shaping=True)[1]
    return total


def string_width(text: str, font: str, size: float, stack: FontStack | None) -> float:
    """The width of ``text`` as a ScriptCanvas with ``stack`` draws it."""
    return width(pieces(text, font, stack), size)


class ScriptCanvas(Canvas):
    """A canvas whose drawString family draws fallback runs and right-to-left text."""

    font_stack: FontStack | None = None

    def _pieces(self, text: str, font: str, size: float) -> list[Piece]:
        return pieces(text, font, self.font_stack)

    def _plain(self, found: list[Piece], text: str) -> bool:
        return len(found) == 1 and found[0][:2] == (self._fontname, text)

    def _width(self, found: list[Piece], size: float) -> float:
        return width(found, size)

    def stringWidth(self, text: str, fontName: str | None = None,  # noqa: N802,N803 - ReportLab's
                    fontSize: float | None = None) -> float:
        size = fontSize or self._fontsize
        return self._width(self._pieces(text, fontName or self._fontname, size), size)

    def drawString(self, x: float, y: float, text: str, *args: Any,  # noqa: N802 - ReportLab's
                   **kwargs: Any) -> None:
        pieces = self._pieces(text, self._fontname, self._fontsize)
        if self._plain(pieces, text):
            super().drawString(x, y, text, *args, **kwargs)
        else:
            self._draw_pieces(x, y, pieces)

    def drawRightString(self, x: float, y: float, text: str, *args: Any,  # noqa: N802
                        **kwargs: Any) -> None:
        pieces = self._pieces(text, self._fontname, self._fontsize)
        if self._plain(pieces, text):
            super().drawRightString(x, y, text, *args, **kwargs)
        else:
            self._draw_pieces(x - self._width(pieces, self._fontsize), y, pieces)

    def drawCentredString(self, x: float, y: float, text: str, *args: Any,  # noqa: N802
                          **kwargs: Any) -> None:
        pieces = self._pieces(text, self._fontname, self._fontsize)
        if self._plain(pieces, text):
            super().drawCentredString(x, y, text, *args, **kwargs)
        else:
            self._draw_pieces(x - self._width(pieces, self._fontsize) / 2, y, pieces)

    def _draw_pieces(self, x: float, y: float, pieces: list[tuple[str, str, str | None]]) -> None:
        """Draw each piece in its font; letter spacing is dropped for mixed scripts."""
        font, size = self._fontname, self._fontsize
        for face, run, direction in pieces:
            self.setFont(face, size)
            if direction is None:
                super().drawString(x, y, run)
            else:  # the ActualText gives text extractors the reading order
                actual = display_order(run, direction)
                self.addLiteral(f"/Span <</ActualText <FEFF{actual.encode('utf-16-be').hex()}>>> BDC")
                super().drawString(x, y, run, direction=direction, shaping=True)
                self.addLiteral("EMC")
            x += self._width([(face, run, direction)], size)
        self.setFont(font, size)


def _face_of(regular: str, bold: bool) -> str:
    """The bold or regular face of the family whose regular face is ``regular``."""
    family = ps2tt(regular)[0]
    name: str = tt2ps(family, 1 if bold else 0, 0)
    return name
