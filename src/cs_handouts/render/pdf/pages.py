"""Page templates: portrait and landscape, front and back, each with its own page size.

A landscape part is laid out on landscape pages (the page itself is wider than tall,
not rotated), so a viewer shows it upright and a printer turns it. With a binding
gutter in duplex, back pages mirror front pages (gutter on the right).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, NamedTuple

from reportlab.lib.pagesizes import landscape as turned
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageTemplate

from cs_handouts.content.theme import Theme


class Drawn(NamedTuple):
    """A flowable a frame drew: on which page, where, and the room beside it (for alignment)."""

    page: int
    flowable: Flowable
    x: float
    y: float
    spare_width: float


class _NotingFrame(Frame):
    """A frame that notes each flowable it draws when the canvas keeps a list (``handouts_drawn``).

    The frame alone knows where a flowable goes; it tells the flowable by calling its
    ``drawOn``, so that call is the one observed, for this one flowable, while it is added.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> _NotingFrame:
        """A copy to try a group of flowables on (ReportLab's KeepTogether and tables copy the
        frame each time): its numbers and names shared, anything else (a list) copied deeply.
        Python's generic deep copy went through every one of its 24 values, a hundred times a
        module."""
        twin = copy.copy(self)
        for name, value in vars(self).items():
            if not isinstance(value, int | float | str | None):
                setattr(twin, name, copy.deepcopy(value, memo))
        return twin

    def _add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:  # noqa: N803
        if getattr(canv, "handouts_measure", False) and not getattr(flowable, "frameAction", None):
            return self._measure(flowable, canv, trySplit)
        drawn: list[Drawn] | None = getattr(canv, "handouts_drawn", None)
        if drawn is None or getattr(flowable, "frameAction", None):
            return int(super()._add(flowable, canv, trySplit))
        page = canv.getPageNumber()
        draw_on = flowable.drawOn

        def noted(canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
            drawn.append(Drawn(page, flowable, x, y, _sW))
            draw_on(canvas, x, y, _sW=_sW)

        flowable.drawOn = noted
        try:
            return int(super()._add(flowable, canv, trySplit))
        finally:
            del flowable.drawOn

    def _measure(self, flowable: Flowable, canv: Canvas, trySplit: int) -> int:  # noqa: N803
        """Place the flowable without drawing it, noting where an answer or chart landed.

        Drawing is most of a layout's time, and a layout only measured is never seen. What
        a flowable notes on the canvas as it is drawn (where an answer or chart landed, the
        part its pages belong to) it notes through ``landed`` instead.
        """
        landed = getattr(flowable, "landed", None)

        def placed(canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
            if landed is not None:
                landed(canvas)

        flowable.drawOn = placed
        try:
            return int(super()._add(flowable, canv, trySplit))
        finally:
            del flowable.drawOn

    add = _add


def template_name(landscape: bool, back: bool) -> str:
    """The id of the page template for this orientation and side."""
    return f"{'landscape' if landscape else 'portrait'}-{'back' if back else 'front'}"


def page_templates(size: tuple[float, float], theme: Theme, gutter: float, mirrored: bool,
                   first_landscape: bool, decorate: Callable[..., Any],
                   footer_extra: float = 0) -> list[PageTemplate]:
    """Every template a document may use; the first is the first page's.

    ``footer_extra`` raises the foot of the text for a taller footer band (a QR code's address).
    """
    margins = theme.margins
    bottom = margins.bottom + footer_extra
    templates = []
    for landscape in sorted((False, True), key=lambda turn: turn != first_landscape):
        page = turned(size) if landscape else size
        width = page[0] - margins.left - margins.right - gutter
        height = page[1] - margins.top - bottom
        sides = (False, True) if mirrored else (False,)
        for back in sides:
            left = margins.left if back else margins.left + gutter
            frame = _NotingFrame(left, bottom, width, height, id=template_name(landscape, back),
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            templates.append(PageTemplate(template_name(landscape, back), [frame],
                                          onPageEnd=decorate, pagesize=page))
    return templates
