"""Keeping a part's last blocks together, and what that would do, found without laying it out.

Fitting tries keeping a part's last one, two or three blocks (its tail) together on one
page. :class:`KeepTail` does it: a page break unless the tail fits in the room left. In the
plain layout a :class:`TailProbe` stands where each KeepTail would, and notes where the
tail begins (page, room left, indent) and whether it fits there. A tail that fits changes
nothing. One that does not starts a new page: the layout is the plain one up to the probe,
then the tail alone from the top of a page, so :func:`spliced` measures only the tail.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer
from reportlab.platypus.doctemplate import ActionFlowable, FrameActionFlowable, Indenter

from cs_handouts.render.pdf.document import Part
from cs_handouts.render.rendered import RenderedPdf

TAILS = (1, 2, 3)  # how many blocks at the end are tried kept together


@dataclass(frozen=True)
class TailSpot:
    """Where a tail begins in the plain layout: does it fit there, on which page, how full the
    page is up to there, the room left below, and the indent in force."""

    fits: bool
    page: int
    fill: float
    spare: float
    left: float
    right: float


class KeepTail(CondPageBreak):
    """A page break unless everything after it fits on this page.

    Where it fits it changes nothing: it takes no room and passes the space after the block
    before it on to the block after it, as if it were not there (ReportLab's zero-size,
    space-transferring flowables), so the layout is the plain one.
    """

    _ZEROSIZE = True
    _SPACETRANSFER = True

    def __init__(self, tail: Sequence[Flowable]) -> None:
        super().__init__(0)
        self.tail = list(tail)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.height = _tail_height(self.tail, self.canv, available_width)
        if available_height <= 0:  # the page is full: the tail goes on the next one
            self.height = max(self.height, 1.0)
        size: tuple[float, float] = super().wrap(available_width, available_height)
        return size


class TailProbe(FrameActionFlowable):
    """Notes whether the tail after it fits in the room left where it stands; takes no room.

    In the plain layout, it stands where a :class:`KeepTail` would: if the tail fits there,
    that KeepTail would change nothing. A frame action is neither drawn nor counted.
    """

    def __init__(self, tail: Sequence[Flowable], noted: dict[int, TailSpot], key: int) -> None:
        self.tail, self.noted, self.key = list(tail), noted, key

    def frameAction(self, frame: Any) -> None:  # noqa: N802  (ReportLab's name)
        room = frame._y - frame._y1p
        fits = room > 0 and _tail_height(self.tail, self.canv, frame._getAvailableWidth()) <= room
        # As the document notes a page's fill when it ends: here, if the tail moves on.
        fill = (frame._y2 - frame._y) / max(1.0, frame._y2 - frame._y1)
        self.noted[self.key] = TailSpot(fits, self.canv.getPageNumber(), fill,
                                        frame._y - frame._y1, frame._leftExtraIndent,
                                        frame._rightExtraIndent)


def _tail_height(tail: Sequence[Flowable], canvas: Any, width: float) -> float:
    """The room a tail takes, the space before and after each of its blocks counted.

    Each block is measured at the width it will have: an indent in the tail narrows what
    follows it. (A table fixes its column widths at its first measure, so a block measured
    too wide would later be drawn too wide.)
    """
    total = 0.0
    for flowable in tail:
        if isinstance(flowable, Indenter):
            width -= flowable.left + flowable.right
            continue
        total += (_height(flowable, canvas, width) + flowable.getSpaceBefore()
                  + flowable.getSpaceAfter())
    return total


def _height(flowable: Flowable, canvas: Any, width: float) -> float:
    """How tall a flowable is; a KeepTogether's wrap says "endless" to force a split."""
    height: float = flowable.wrapOn(canvas, width, 10_000)[1]
    if isinstance(flowable, KeepTogether):
        return float(flowable._H)
    return height


def tail_start(story: Sequence[Flowable], blocks_kept: int) -> int | None:
    """Where the tail of the last ``blocks_kept`` blocks begins (None: the story is no longer)."""
    blocks = [index for index, flowable in enumerate(story)
              if not isinstance(flowable, Spacer | CondPageBreak | ActionFlowable)]
    if len(blocks) <= blocks_kept:
        return None
    start = blocks[-blocks_kept]
    # A heading (or the room a chart asks for) just before the tail goes with it.
    while start > 0 and (getattr(story[start - 1], "keepWithNext", False)
                         or isinstance(story[start - 1], Spacer | CondPageBreak)):
        start -= 1
    return start


def keep_tail(part: Part, blocks_kept: int = 2) -> Part:
    """The part with its last ``blocks_kept`` blocks kept together on one page."""
    story = part.story
    start = tail_start(story, blocks_kept)
    if start is None:
        return part
    return Part(part.title, [*story[:start], KeepTail(story[start:]), *story[start:]],
                part.nested, part.landscape, part.online, part.max_pages)


def probed(part: Part, noted: dict[int, TailSpot], begins: dict[str, int | None]) -> Part:
    """The part with a probe where each of its tails would begin (``noted[start]``); where
    each begins (``begins["tail2"]``, None: the story is no longer) is noted too."""
    story = list(part.story)
    begins.update({f"tail{kept}": tail_start(story, kept) for kept in TAILS})
    starts = sorted({start for start in begins.values() if start is not None}, reverse=True)
    probes = {start: TailProbe(story[start:], noted, start) for start in starts}
    for start in starts:
        story.insert(start, probes[start])
    return Part(part.title, story, part.nested, part.landscape, part.online, part.max_pages)


def spliced(plain: RenderedPdf, spot: TailSpot, part: Part, start: int,
            measure: Callable[[Part], RenderedPdf]) -> RenderedPdf:
    """The layout of a one-part document with the tail from ``start`` kept together, where it
    does not fit where it begins: the plain layout's pages up to there, then the tail measured
    alone (``measure``), from the top of a page, in the indent in force there.

    ``part`` is the part made afresh (its flowables not yet laid out).
    """
    tail = part.story[start:]
    indent = [Indenter(spot.left, spot.right)] if spot.left or spot.right else []
    alone = measure(Part(part.title, [*indent, *tail], part.nested, part.landscape,
                         part.online, part.max_pages))
    before = spot.page - 1
    fills = (*plain.page_fill[:before], spot.fill, *alone.page_fill)
    spares = (*plain.page_spare[:before], spot.spare, *alone.page_spare)
    moved = _names(tail)
    answers = sorted([(name, page) for name, page in plain.answer_pages
                      if _whole(name) not in moved]
                     + [(name, page + spot.page) for name, page in alone.answer_pages])
    charts = sorted([chart for chart in plain.chart_pages if chart[0] not in moved]
                    + [(name, page + spot.page, rows) for name, page, rows in alone.chart_pages])
    return RenderedPdf(b"", len(fills), (1,), (len(fills),), (fills[-1],), (spares[-1],),
                       tuple(answers), tuple(charts), fills, spares, measured=True)


def _whole(name: str) -> str:
    """An answer's name, without the "-a"/"-b" of its halves on two pages."""
    return name[:-2] if name.endswith(("-a", "-b")) else name


def _names(flowables: Sequence[Flowable]) -> set[str]:
    """The names of the answers and charts among the flowables (in kept-together groups too)."""
    names: set[str] = set()
    for flowable in flowables:
        if hasattr(flowable, "landed") and isinstance(getattr(flowable, "name", None), str):
            names.add(flowable.name)
        names |= _names(getattr(flowable, "_content", ()))
    return names
