"""Text in any script: font fallback runs, right-to-left paragraphs, CJK line breaking.

Every Paragraph and every string a canvas draws goes through here:
- a run of characters the body font cannot draw gets the first fallback font that can;
- a paragraph holding Arabic or Hebrew, or Chinese, Japanese or Korean, is laid out by
  ``bidilines``: styles, fonts and blanks kept, lines broken in reading order (between any
  two CJK characters, with kinsoku), each line ordered with the Unicode bidi algorithm and
  shaped with HarfBuzz; a line holding right-to-left text carries its reading-order text as
  the PDF's ActualText, so that copying and pdftotext read it as written.
"""

from __future__ import annotations

import copy
import html
import re
import weakref
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph as _Paragraph

from cs_handouts.content.theme import CJK_FONTS
from cs_handouts.errors import HandoutsError
from cs_handouts.render.pdf.bidilines import (
    Line,
    Text,
    actual_text,
    break_lines,
    draw_line,
    looks_of,
    make_text,
    runs,
)
from cs_handouts.render.pdf.fonts import FontStack
from cs_handouts.text.markup import BLANK_CALLBACK
from cs_handouts.text.scripts import has_cjk, is_rtl, starts_rtl

_TAG = re.compile(r"(<[^>]*>)")
_PIECE = re.compile(r"&#?\w+;|.", re.DOTALL)  # an entity stays whole, in the run it starts


def _stack(style: ParagraphStyle) -> FontStack | None:
    found: FontStack | None = getattr(style, "fontStack", None)
    return found


def with_fallback(markup: str, stack: FontStack) -> str:
    """ReportLab markup with each run the body font cannot draw wrapped in its fallback font."""
    out: list[str] = []
    for part in _TAG.split(markup):
        if not part or part.startswith("<"):
            out.append(part)
            continue
        if "&" in part:
            pieces = _PIECE.findall(part)
            plain = "".join(html.unescape(p) if len(p) > 1 else p for p in pieces)
        else:  # no entity: the text is its own plain text (no need to look at each character)
            pieces, plain = [], part
        if stack.missing(plain) == "" and stack.only_first("".join(plain.split())):
            out.append(part)
            continue
        pieces = pieces or _PIECE.findall(part)
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
        # A space stays in the run it follows, unless that font lacks it (an em space in CJK).
        if not ch.isspace() or not stack.has(family, ch[0]):
            family = stack.family_for(ch[0]) or family
        if ch.isspace() and ch != " " and family in CJK_FONTS:
            piece = " "  # the converted CJK cut draws wide spaces as empty boxes: a plain one
        if groups and groups[-1][0] == family:
            groups[-1][1].append(piece)
        else:
            groups.append((family, [piece]))
    return [(None if family == stack.families[0]
             else stack.face_family(family, "".join(html.unescape(p) for p in run)), "".join(run))
            for family, run in groups]


# Per style: each text's markup with fallback fonts, and ReportLab's parse of it. Fitting makes
# a document's story afresh for each layout it tries (ReportLab marks what it laid out), so
# the same paragraphs are made several times; parsing them once is a tenth of a build.
_MADE: weakref.WeakKeyDictionary[ParagraphStyle, dict[Any, Any]] = weakref.WeakKeyDictionary()


def _made(style: ParagraphStyle) -> dict[Any, Any]:
    found = _MADE.get(style)
    if found is None:
        found = _MADE[style] = {}
    return found


class Paragraph(_Paragraph):
    """ReportLab's Paragraph with font fallback, right to left and CJK breaking applied."""

    # What ReportLab's setup and line breaking set (its code has no annotations).
    text: Any
    frags: Any
    style: Any
    bulletText: Any
    _width_max: float
    _splitLongWordCount: int  # noqa: N815
    _hyphenations: int

    def __init__(self, text: str | None, style: ParagraphStyle, *args: Any, **kwargs: Any) -> None:
        self.laid: Text | None = None
        self.unordered = False  # right-to-left text with no font stack to lay it out
        stack = _stack(style)
        if text is not None and stack is None:
            self.unordered = is_rtl(text)
        if text is not None and stack is not None:
            plain = html.unescape(_TAG.sub("", text))
            rtl_edition = bool(getattr(style, "rtl", False))
            if is_rtl(plain) or has_cjk(plain) or rtl_edition:
                # A right-to-left edition lays out every paragraph here: its numbers go right.
                super().__init__(text, style, *args, **kwargs)
                rtl = rtl_edition or (is_rtl(plain) and starts_rtl(plain))
                self.laid = _laid(self.frags, stack, rtl)
                self.span = (0, len(self.laid.chars))
                self.lines: list[Line] = []
                return
            made = _made(style)
            fallback = made.get(("fallback", text))
            if fallback is None:
                fallback = made[("fallback", text)] = with_fallback(text, stack)
            text = fallback
        super().__init__(text, style, *args, **kwargs)

    def _setup(self, text: str | None, style: ParagraphStyle, bulletText: Any,  # noqa: N803
               frags: Any, cleaner: Any) -> None:
        """ReportLab's setup, which parses the markup; a text parsed for this style already
        takes that parse (fragments are only read while laying out, as ReportLab's own
        split shares them)."""
        if frags is not None or text is None or not isinstance(bulletText, str | None):
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        made = _made(style)
        key = ("parsed", text, bulletText, self.caseSensitive)
        self._parsed = key
        if key not in made:
            super()._setup(text, style, bulletText, frags, cleaner)
            made[key] = (self.text, self.frags, self.style, self.bulletText)
            return
        self.text, self.frags, self.style, self.bulletText = made[key]
        self.debug = 0

    def breakLines(self, width: Any) -> Any:  # noqa: N802 - ReportLab's name
        """ReportLab's line breaking; a text parsed for this style and broken at these widths
        before takes those lines (fitting lays each story out several times; the lines are
        only read afterwards, except by ReportLab's own right-to-left drawing)."""
        parsed, made = getattr(self, "_parsed", None), _made(self.style)
        entry = made.get(parsed)
        if entry is None or self.frags is not entry[1] or self.style.wordWrap == "RTL":
            return super().breakLines(width)
        key = ("lines", parsed, tuple(width) if isinstance(width, list) else width)
        found = made.get(key)
        if found is None:
            lines = super().breakLines(width)
            made[key] = (lines, self._width_max, self._splitLongWordCount, self._hyphenations)
            return lines
        lines, self._width_max, self._splitLongWordCount, self._hyphenations = found
        return lines

    def _edges(self, first: bool) -> tuple[float, float]:
        """The left and right ends of a line; the first line's indent is at its start."""
        style, laid = self.style, self.laid
        indent = style.firstLineIndent if first and self.span[0] == 0 else 0
        if laid is not None and laid.rtl:  # the start (and the indents) are on the right
            return style.rightIndent, self.width - style.leftIndent - indent
        return style.leftIndent + indent, self.width - style.rightIndent

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self.laid is None:
            if self.unordered:  # ReportLab alone would draw it backwards: never silently
                raise HandoutsError(f"right-to-left text in a paragraph without a font stack"
                                    f" (style {self.style.name!r}) cannot be ordered")
            size: tuple[float, float] = super().wrap(available_width, available_height)
            return size
        self.width = available_width

        def room(number: int) -> float:
            low, high = self._edges(number == 0)
            return high - low

        self.lines = break_lines(self.laid, room, *self.span)
        for line in self.lines:
            line.runs = runs(self.laid, line.start, line.end)
        self.height = len(self.lines) * self.style.leading
        return available_width, self.height

    def minWidth(self) -> float:  # noqa: N802 - ReportLab's name
        if self.laid is None:
            found: float = super().minWidth()
            return found
        lines = break_lines(self.laid, lambda _: 0.0, *self.span)
        widest = max((Line(line.start, line.end, runs(self.laid, line.start, line.end)).width
                      for line in lines), default=0.0)
        return float(widest + self.style.leftIndent + self.style.rightIndent)

    def draw(self) -> None:
        if self.laid is None:
            super().draw()
            return
        canvas, style, laid = self.canv, self.style, self.laid
        y = self.height - getAscentDescent(style.fontName, style.fontSize)[0]
        alignment = style.alignment
        if alignment not in (TA_CENTER, TA_RIGHT) and laid.rtl:
            alignment = TA_RIGHT  # a right-to-left paragraph starts at the right
        for number, line in enumerate(self.lines):
            low, high = self._edges(number == 0)
            if alignment == TA_RIGHT:
                x = high - line.width
            elif alignment == TA_CENTER:
                x = (low + high - line.width) / 2
            else:
                x = low
            draw_line(canvas, line, x, y, actual_text(laid, line), self.blank_at)
            if number == 0 and self.span[0] == 0 and self.bulletText:
                self._draw_bullet(str(self.bulletText), y)
            y -= style.leading

    def _draw_bullet(self, bullet: str, y: float) -> None:
        """The number or bullet before the first line: at the right in right-to-left text."""
        style, stack = self.style, _stack(self.style)
        assert stack is not None and self.laid is not None
        font, size = style.bulletFontName, style.bulletFontSize
        laid = make_text(bullet, looks_of(bullet, [font] * len(bullet), [size] * len(bullet),
                                          stack), self.laid.rtl)
        line = Line(0, len(bullet), runs(laid, 0, len(bullet)))
        x = (self.width - style.bulletIndent - line.width if laid.rtl else style.bulletIndent)
        draw_line(self.canv, line, x, y, actual_text(laid, line))

    def blank_at(self, label: str, x: float, y: float, width: float, size: float) -> None:
        """Where a ``{{ blank }}`` line was drawn: a FieldParagraph puts its field there."""

    def split(self, available_width: float, available_height: float) -> list[Any]:
        if self.laid is None:
            parts: list[Any] = super().split(available_width, available_height)
            return parts
        self.wrap(available_width, available_height)
        fits = int((available_height + 1e-6) // self.style.leading)
        if fits >= len(self.lines):
            return [self]
        if fits < 1 or (fits == 1 and not self.style.allowOrphans):
            return []
        head, tail = copy.copy(self), copy.copy(self)
        head.span = (self.span[0], self.lines[fits].start)
        tail.span = (self.lines[fits].start, self.span[1])
        return [head, tail]


def _laid(frags: list[Any], stack: FontStack, rtl: bool) -> Text:
    """The characters of ReportLab's fragments with their looks; blanks and breaks kept."""
    chars: list[str] = []
    faces: list[str] = []
    sizes: list[float] = []
    extra: list[dict[str, Any]] = []
    breaks: list[int] = []
    blank, left = None, 0
    for frag in frags:
        callback = getattr(frag, "cbDefn", None)
        if callback is not None:
            if getattr(callback, "name", "") == BLANK_CALLBACK and callback.label:
                blank, _, count = str(callback.label).rpartition("|")
                left = int(count)
            continue
        if getattr(frag, "lineBreak", False):
            breaks.append(len(chars))
            continue
        link = frag.link[0][1] if getattr(frag, "link", None) else None
        for ch in frag.text:
            chars.append(ch)
            faces.append(frag.fontName)
            sizes.append(frag.fontSize)
            extra.append({"colour": frag.textColor, "link": link,
                          "underline": bool(getattr(frag, "us_lines", None)),
                          "blank": blank if left > 0 and ch == "_" else None})
            if left > 0 and ch == "_":
                left -= 1
    text = "".join(chars)
    return make_text(text, looks_of(text, faces, sizes, stack, extra), rtl, breaks)


def pieces(text: str, font: str, stack: FontStack | None) -> list[tuple[str, str]]:
    """(font, text) pieces, left to right, for ``text`` (no right-to-left letter) in ``font``."""
    if stack is None or not text:
        return [(font, text)]
    bold = "Bold" in font
    return [(font if face == stack.face_family(stack.families[0], "") else _face_of(face, bold),
             run) for face, run in stack.runs(text)]


def _line(text: str, font: str, size: float, stack: FontStack) -> tuple[Line, str | None]:
    """A string holding right-to-left text as one line of runs in display order; its ActualText."""
    count = len(text)
    laid = make_text(text, looks_of(text, [font] * count, [size] * count, stack), starts_rtl(text))
    line = Line(0, count, runs(laid, 0, count))
    return line, actual_text(laid, line)


def string_width(text: str, font: str, size: float, stack: FontStack | None) -> float:
    """The width of ``text`` as a ScriptCanvas with ``stack`` draws it."""
    if stack is not None and is_rtl(text):
        return _line(text, font, size, stack)[0].width
    return float(sum(stringWidth(run, face, size) for face, run in pieces(text, font, stack)))


class ScriptCanvas(Canvas):
    """A canvas whose drawString family draws fallback runs and right-to-left text."""

    font_stack: FontStack | None = None

    def stringWidth(self, text: str, fontName: str | None = None,  # noqa: N802,N803 - ReportLab's
                    fontSize: float | None = None) -> float:
        return string_width(text, fontName or self._fontname, fontSize or self._fontsize,
                            self.font_stack)

    def _plain(self, text: str) -> bool:
        if self.font_stack is None:
            if is_rtl(text):  # ReportLab alone would draw it backwards: never silently
                raise HandoutsError("right-to-left text on a canvas without a font stack")
            return True
        if is_rtl(text):
            return False
        found = pieces(text, self._fontname, self.font_stack)
        return len(found) == 1 and found[0] == (self._fontname, text)

    def drawString(self, x: float, y: float, text: str, *args: Any,  # noqa: N802 - ReportLab's
                   **kwargs: Any) -> None:
        if self._plain(text):
            super().drawString(x, y, text, *args, **kwargs)
        else:
            self._draw_pieces(x, y, text)

    def drawRightString(self, x: float, y: float, text: str, *args: Any,  # noqa: N802
                        **kwargs: Any) -> None:
        if self._plain(text):
            super().drawRightString(x, y, text, *args, **kwargs)
        else:
            self._draw_pieces(x - self.stringWidth(text), y, text)

    def drawCentredString(self, x: float, y: float, text: str, *args: Any,  # noqa: N802
                          **kwargs: Any) -> None:
        if self._plain(text):
            super().drawCentredString(x, y, text, *args, **kwargs)
        else:
            self._draw_pieces(x - self.stringWidth(text) / 2, y, text)

    def _draw_pieces(self, x: float, y: float, text: str) -> None:
        """Draw each piece in its font; letter spacing is dropped for mixed scripts."""
        assert self.font_stack is not None
        font, size = self._fontname, self._fontsize
        if is_rtl(text):
            line, actual = _line(text, font, size, self.font_stack)
            draw_line(self, line, x, y, actual)
        else:
            for face, run in pieces(text, font, self.font_stack):
                self.setFont(face, size)
                super().drawString(x, y, run)
                x += stringWidth(run, face, size)
        self.setFont(font, size)


def _face_of(regular: str, bold: bool) -> str:
    """The bold or regular face of the family whose regular face is ``regular``."""
    family = ps2tt(regular)[0]
    name: str = tt2ps(family, 1 if bold else 0, 0)
    return name
