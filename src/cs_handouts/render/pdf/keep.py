"""Kept together where that costs little: a block moves to the next page only from near the foot.

ReportLab's KeepTogether moves its whole content to the next page whenever it does not
fit in the room left, however much room that is. In large print a segment of the guide,
the agenda or a heading with its table is a third of a page or more, so that left pages
half empty. This keeps its content together only while the room left is small; with
more room the content flows on and splits where its own pieces allow (between steps,
rows or paragraphs), as long as nothing kept with what follows is left alone at the foot.
Every document uses it for ``keepWithNext`` too (``_Document.keepTogetherClass``).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether, PageBreak
from reportlab.platypus.doctemplate import FrameBreak

# The most of a page a block may leave empty by moving on: under a third.
MOVE_BELOW = 0.3


class KeepNearby(KeepTogether):
    """Flowables on one page when they fit, else moved on only if the room left is small."""

    def __init__(self, flowables: list[Flowable], max_height: float | None = None) -> None:
        super().__init__(flowables, max_height)
        # Which are kept with what follows, read now: ReportLab clears the flag on the
        # content of a keepWithNext group once it has made one of these of it.
        self.bound = {id(flowable) for flowable in self._content
                      if getattr(flowable, "keepWithNext", False)}

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if self._flows(available_width, available_height):
            # The action first, so that ReportLab still keeps a heading with what follows.
            return [self.NullActionFlowable(), *self._content]
        result: list[Flowable] = super().split(available_width, available_height)
        return result

    def _flows(self, available_width: float, available_height: float) -> bool:
        """Whether to lay the content out from here: much room left, and no lone heading."""
        frame: Any = getattr(self, "_frame", None)
        if frame is None or available_height < frame._height * MOVE_BELOW:
            return False
        if getattr(self, "_wrapInfo", None) != (available_width, available_height):
            self.wrap(available_width, available_height)
        if self._H <= available_height:
            return False  # it fits: ReportLab's own way lays it out
        used, before, may_end = 0.0, None, False
        for flowable in self._content:
            height = flowable.wrapOn(self.canv, available_width, available_height)[1]
            if isinstance(flowable, KeepTogether):
                height = flowable._H  # its wrap says "endless", to be split
            height += flowable.getSpaceBefore() if used else 0.0
            if used + height <= available_height:
                used += height + flowable.getSpaceAfter()
                if height:
                    before = flowable
                    # The page may end after it: it is not kept with what follows.
                    may_end = may_end or id(flowable) not in self.bound
                continue
            # The first that does not fit must split here, unless the page may end above
            # it (a heading and the lines kept with it go on together).
            if before is None:
                return False
            if may_end:
                return True
            pieces = flowable.splitOn(self.canv, available_width, available_height - used)
            return bool(pieces) and not isinstance(pieces[0], type(FrameBreak) | PageBreak)
        return False
