"""A finished PDF in memory: what rendering hands to writing, with what fitting measured.

Kept apart from ``render/pdf/`` (ReportLab) so that the process which only writes the
files, or receives them from another process, never imports ReportLab for it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cs_handouts.render.pdf.document import LaidOut


@dataclass(frozen=True)
class RenderedPdf:
    """A finished PDF in memory and its page count."""

    data: bytes
    pages: int
    part_pages: tuple[int, ...] = ()  # the page each part starts on
    part_counts: tuple[int, ...] = ()  # how many pages each part has
    part_last_fill: tuple[float, ...] = ()  # how full each part's last page is, 0 to 1
    part_last_spare: tuple[float, ...] = ()  # points left empty at the foot of that page
    answer_pages: tuple[tuple[str, int], ...] = ()  # each answer's field name and page
    chart_pages: tuple[tuple[str, int, int], ...] = ()  # each whole chart's name, page and rows
    page_fill: tuple[float, ...] = ()  # how full each page is, 0 to 1 (a blank page: 1)
    page_spare: tuple[float, ...] = ()  # points left empty at the foot of each page
    # Where each flowable was drawn (render_pdf(record=True)): lets a packet reuse the pages.
    laid_out: LaidOut | None = field(default=None, compare=False, repr=False)
    # A layout tried but not yet written out (render_pdf(unsaved=True)): data is empty until
    # saved() is called, so layouts that are tried and dropped cost no PDF writing.
    unsaved: Callable[[], bytes] | None = field(default=None, compare=False, repr=False)
    measured: bool = False  # laid out but not drawn (render_pdf(measure=True)): no PDF
    ways: tuple[str, ...] = ()  # how fitting laid out each part ("plain", "tail2"...)

    def saved(self) -> RenderedPdf:
        """This layout with its PDF written out (itself, if it is)."""
        if self.measured:
            raise ValueError("a layout only measured has no PDF to write")
        if self.unsaved is None:
            return self
        return dataclasses.replace(self, data=self.unsaved(), unsaved=None)
