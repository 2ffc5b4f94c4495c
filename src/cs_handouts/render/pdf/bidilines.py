"""Lines of mixed-direction text, laid out by hand: styled runs, bidi levels, HarfBuzz shaping.

ReportLab orders right-to-left text only in a paragraph of one font and one style (its
many-fragment path leaves bidi off), which dropped bold, italic and blanks from Arabic and
Hebrew paragraphs. So any text holding a right-to-left letter is laid out here: each
character keeps its fragment's style and the first font of the stack that draws it; lines
are broken in logical (reading) order; each line is reordered with the Unicode bidi
algorithm (python-bidi's levels, rule L2 per line); each run of one level and one style is
shaped by HarfBuzz in its own direction and drawn left to right.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import uharfbuzz  # type: ignore[import-untyped]
from bidi import algorithm
from bidi.mirror import MIRRORED
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from cs_handouts.content.theme import CJK_FONTS
from cs_handouts.render.pdf.fonts import FontStack
from cs_handouts.text.breaking import break_allowed
from cs_handouts.text.scripts import is_cjk

_NEUTRAL = {"WS", "ON", "CS", "ES", "ET", "B", "S", "BN", "NSM"}
_FEATURES = {"kern": True, "liga": True}
SLANT = 0.2  # a synthetic italic where the face has none (NotoSansRTL, CJK): tan of ~11 degrees


@dataclass(frozen=True)
class Look:
    """How a run of characters is set."""

    face: str
    size: float
    colour: Any = None
    link: str | None = None
    underline: bool = False
    slant: bool = False
    blank: str | None = None  # the field label of a {{ blank }}'s line


@dataclass
class Text:
    """A paragraph's characters in reading order, each with its look and bidi level."""

    chars: str
    looks: list[Look]  # one per character
    levels: list[int]
    rtl: bool
    breaks: frozenset[int] = frozenset()  # a forced line break before these positions

    @property
    def direction(self) -> str:
        """RTL or LTR, the paragraph's base direction."""
        return "RTL" if self.rtl else "LTR"


@dataclass
class Run:
    """Characters of one look and one level, shaped, in display order."""

    look: Look
    text: str  # logical order
    shown: str  # what the text object draws (a ShapedStr when shaped)
    width: float
    rtl: bool
    start: int = 0  # where the run starts in the text


@dataclass
class Line:
    """The characters start..end of a Text on one line, with its runs in display order."""

    start: int
    end: int
    runs: list[Run] = field(default_factory=list)

    @property
    def width(self) -> float:
        """The drawn width of the line."""
        return sum(run.width for run in self.runs)


def looks_of(chars: str, faces: Sequence[str], sizes: Sequence[float], stack: FontStack,
             extra: Sequence[dict[str, Any]] | None = None) -> list[Look]:
    """Each character's look: its fragment's face where that draws it, else a fallback's."""
    looks: list[Look] = []
    families: list[str] = []
    body = stack.families[0]
    for ch in chars:
        previous = families[-1] if families else body
        neutral = unicodedata.bidirectional(ch) in _NEUTRAL or ch.isspace()
        # Spaces and punctuation stay with the run they follow, except in a CJK cut: it has
        # only the characters asked for before rendering (a new one would cut it again).
        if neutral and previous not in CJK_FONTS and stack.has(previous, ch):
            family = previous
        else:
            family = stack.family_for(ch) or previous
        families.append(family)
    # Faces per run of one family, so that a CJK cut is asked once for its characters.
    start = 0
    while start < len(chars):
        end = start
        while end < len(chars) and families[end] == families[start] and faces[end] == faces[start]:
            end += 1
        face, slant = _face(faces[start], families[start], chars[start:end], stack)
        for index in range(start, end):
            options = dict(extra[index]) if extra else {}
            looks.append(Look(face, sizes[index], slant=slant or options.pop("slant", False),
                              **options))
        start = end
    return looks


def _face(face: str, family: str, text: str, stack: FontStack) -> tuple[str, bool]:
    """The face of ``family`` with the weight and slope of ``face``; whether to slant it."""
    try:
        _, bold, italic = ps2tt(face)
    except ValueError:  # a face registered without a family mapping
        bold = italic = 0
    if family == stack.families[0] and (face == stack.face_family(family, "")
                                        or ps2tt(face)[0] == ps2tt(stack.face_family(family, ""))[0]):
        return face, False
    regular = stack.face_family(family, text)
    name = ps2tt(regular)[0]
    chosen: str = tt2ps(name, bold, italic)
    return chosen, bool(italic) and chosen == tt2ps(name, bold, 0)


def actual_text(text: Text, line: Line) -> str | None:
    """What text extractors should read for a line holding right-to-left text, else None.

    pdftotext reorders an ActualText itself, as if it were drawn left to right: so it is
    given the line in display order (not mirrored), and reads it back in reading order.
    """
    chars = text.chars[line.start:line.end].rstrip()
    if not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in chars):
        return None
    order = _display(text.levels[line.start:line.start + len(chars)])
    return "".join(chars[index] for index in order)


def _display(found: list[int]) -> list[int]:
    """Indexes in display order for characters of these levels (rule L2)."""
    order = list(range(len(found)))
    odd = [level for level in found if level % 2]
    for level in range(max(found, default=0), min(odd, default=1) - 1, -1):
        if not odd:
            break
        order = _reverse_at(order, found, level)
    return order


def levels(chars: str, rtl: bool) -> list[int]:
    """The embedding level of each character (UAX #9 up to rule I2)."""
    storage = algorithm.get_empty_storage()
    base = 1 if rtl else 0
    storage["base_level"], storage["base_dir"] = base, ("L", "R")[base]
    algorithm.get_embedding_levels(chars, storage)
    algorithm.explicit_embed_and_overrides(storage, False)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    found = [char["level"] for char in storage["chars"]]
    return found if len(found) == len(chars) else [base] * len(chars)


def make_text(chars: str, looks: list[Look], rtl: bool, breaks: Iterable[int] = ()) -> Text:
    """A Text with its levels resolved."""
    return Text(chars, looks, levels(chars, rtl), rtl, frozenset(breaks))


@lru_cache(maxsize=8192)
def shaped(text: str, face: str, size: float, rtl: bool) -> tuple[str, float]:
    """``text`` shaped by HarfBuzz in the given direction: what to draw, and its width."""
    font = pdfmetrics.getFont(face)
    data = getattr(getattr(font, "face", None), "_ttf_data", None)
    if not getattr(font, "shapable", False) or data is None:
        if rtl:  # no shaping: at least mirror and reverse
            text = "".join(MIRRORED.get(ch, ch) for ch in reversed(text))
        return text, pdfmetrics.stringWidth(text, face, size)
    hb_font = font.hbFont(size)
    buffer = uharfbuzz.Buffer()
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"  # the bidi level decides, not the script
    uharfbuzz.shape(hb_font, buffer, _FEATURES)
    chars: list[str] = []
    shape_data: list[ShapeData] = []
    width = 0.0
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        glyph = info.codepoint
        try:
            code = font.face.glyphToChar[glyph][0]
        except (KeyError, IndexError):
            code = font.hbAddPrivate(hb_font.glyph_to_string(glyph), glyph, position.x_advance)
        advance = font.pdfScale(position.x_advance)
        shape_data.append(ShapeData(info.cluster, advance, font.pdfScale(position.y_advance),
                                    font.pdfScale(position.x_offset),
                                    font.pdfScale(position.y_offset), font.face.charWidths[code]))
        chars.append(chr(code))
        width += advance * size / 1000
    return ShapedStr("".join(chars), shapeData=shape_data), width


def _needs_shaping(run: str, face: str, rtl: bool) -> bool:
    return rtl or any(unicodedata.bidirectional(ch) in ("R", "AL", "NSM") for ch in run)


def run_width(text: str, look: Look, rtl: bool) -> float:
    """The width of ``text`` set in ``look``."""
    if _needs_shaping(text, look.face, rtl):
        return shaped(text, look.face, look.size, rtl)[1]
    return float(pdfmetrics.stringWidth(text, look.face, look.size))


def _segments(text: Text, start: int, end: int) -> list[tuple[int, int]]:
    """Ranges of one look and one level, in reading order."""
    found: list[tuple[int, int]] = []
    index = start
    while index < end:
        stop = index + 1
        while (stop < end and text.looks[stop] == text.looks[index]
               and text.levels[stop] == text.levels[index]):
            stop += 1
        found.append((index, stop))
        index = stop
    return found


def width_of(text: Text, start: int, end: int) -> float:
    """The width of characters start..end (measured in reading order, runs shaped)."""
    return sum(run_width(text.chars[a:b], text.looks[a], text.levels[a] % 2 == 1)
               for a, b in _segments(text, start, end))


def runs(text: Text, start: int, end: int) -> list[Run]:
    """The runs of characters start..end in display order (rule L2 on their levels)."""
    while end > start and text.chars[end - 1].isspace():
        end -= 1  # rule L1: trailing spaces take the base level, and are not drawn
    segments = _segments(text, start, end)
    seg_levels = [text.levels[a] for a, _ in segments]
    order = _display(seg_levels)
    found: list[Run] = []
    for index in order:
        a, b = segments[index]
        rtl = seg_levels[index] % 2 == 1
        look, chunk = text.looks[a], text.chars[a:b]
        if _needs_shaping(chunk, look.face, rtl):
            shown, width = shaped(chunk, look.face, look.size, rtl)
        else:
            shown, width = chunk, float(pdfmetrics.stringWidth(chunk, look.face, look.size))
        found.append(Run(look, chunk, shown, width, rtl, a))
    return found


def _reverse_at(order: list[int], seg_levels: list[int], level: int) -> list[int]:
    """Reverse every longest stretch of ``order`` whose levels are at least ``level``."""
    result: list[int] = []
    stretch: list[int] = []
    for index in order:
        if seg_levels[index] >= level:
            stretch.append(index)
        else:
            result += reversed(stretch)
            stretch = []
            result.append(index)
    return result + list(reversed(stretch))


def break_lines(text: Text, widths: Callable[[int], float], start: int = 0,
                count: int | None = None) -> list[Line]:
    """Lines of ``text`` (characters start..count), filled in reading order.

    ``widths(n)`` is line n's room; a piece too long for its line stands alone on it.
    """
    lines: list[Line] = []
    chars = text.chars
    count = len(chars) if count is None else count
    while start < count and chars[start] == " ":
        start += 1
    while start < count:
        room = widths(len(lines))
        end = start
        fitted = start  # the last break point that fits
        used = 0.0  # the width of start..fitted, measured piece by piece (no rescans)
        while end < count:
            stop = _next_break(text, end, count)
            content = stop
            while content > end and chars[content - 1] == " ":
                content -= 1
            piece = width_of(text, end, content)
            if fitted > start and used + piece > room:
                break
            used += piece + (width_of(text, content, stop) if content < stop else 0.0)
            fitted = stop
            end = stop
            if stop in text.breaks:
                break
        if fitted == start:
            fitted = _next_break(text, start, count)
        lines.append(Line(start, fitted))
        start = fitted
        while start < count and chars[start] == " ":
            start += 1
    return lines


def _next_break(text: Text, position: int, count: int) -> int:
    """The next place after ``position`` (before ``count``) where a line may end."""
    chars = text.chars
    index = position + 1
    while index < count:
        if index in text.breaks:
            return index
        if chars[index - 1] == " " and chars[index] != " ":
            return index
        if (is_cjk(chars[index]) or is_cjk(chars[index - 1])) and chars[index] != " " and (
                break_allowed(chars[index - 1], chars[index])):
            return index
        index += 1
    return count


def draw_line(canvas: Any, line: Line, x: float, y: float, actual: str | None,
              on_blank: Callable[[str, float, float, float, float], None] | None = None) -> None:
    """Draw a line's runs from ``x`` on the baseline ``y``, with ``actual`` as its ActualText.

    The runs are placed left to right but written in reading order, so that a reader that
    follows the content stream (pypdf) meets them in the order they are read.
    """
    if actual is not None:
        canvas.addLiteral(f"/Span <</ActualText <FEFF{actual.encode('utf-16-be').hex()}>>> BDC")
    placed = []
    for run in line.runs:
        placed.append((run.start, x, run))
        x += run.width
    for _, x, run in sorted(placed, key=lambda item: item[0]):
        look = run.look
        canvas.saveState()
        if look.colour is not None:
            canvas.setFillColor(look.colour)
        if look.slant:  # shear about the baseline, so the run still starts at x
            canvas.transform(1, 0, SLANT, 1, -SLANT * y, 0)
        text_object = canvas.beginText(x, y)
        text_object.setFont(look.face, look.size)
        text_object.textLine(run.shown)  # textOut would measure it again, unshaped
        canvas.drawText(text_object)
        canvas.restoreState()
        if look.underline:
            canvas.saveState()
            if look.colour is not None:
                canvas.setStrokeColor(look.colour)
            canvas.setLineWidth(look.size / 20)
            canvas.line(x, y - look.size / 8, x + run.width, y - look.size / 8)
            canvas.restoreState()
        if look.link:
            canvas.linkURL(look.link, (x, y - look.size * 0.25, x + run.width, y + look.size),
                           relative=1, thickness=0)
        if look.blank and on_blank is not None:
            on_blank(look.blank, x, y, run.width, look.size)
    if actual is not None:
        canvas.addLiteral("EMC")
