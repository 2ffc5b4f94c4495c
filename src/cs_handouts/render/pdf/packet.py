"""A packet from documents already laid out: their pages drawn again, not laid out again.

Each handout is laid out once, for its own PDF, noting where its frames drew every
flowable (``render_pdf(record=True)``). The participant packet then draws the same
flowables at the same places, one page after another, under the packet's own header
and footer: each handout keeps its page numbers ("Page 1 of 2"), its bookmarks sit
under the handout's entry, and its form fields keep their names, as when the packet
was laid out from scratch, but without a second layout (a third of a module's time).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak

from cs_handouts.render.pdf.document import (
    DocumentInfo,
    LaidOut,
    Orientation,
    PageLayout,
    PartStart,
    build_story,
)
from cs_handouts.render.pdf.pages import Drawn
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.rendered import RenderedPdf


class _DrawnAgain(Flowable):
    """One page of a laid-out document: its flowables drawn where they were drawn before."""

    def __init__(self, drawn: Sequence[Drawn]) -> None:
        super().__init__()
        self.drawn = drawn

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        document: Any = canvas._doctemplate
        for drawn in self.drawn:
            flowable = drawn.flowable
            flowable._frame = document.frame  # as while the frame drew it the first time
            try:
                flowable.drawOn(canvas, drawn.x, drawn.y, _sW=drawn.spare_width)
            finally:
                del flowable._frame
            document.afterFlowable(flowable)  # its bookmark, in the packet's outline


def render_packet(documents: Sequence[LaidOut], info: DocumentInfo, styles: Styles,
                  paper: str = "letter") -> RenderedPdf:
    """One PDF of the documents' pages, each document a part of its own (one-part documents)."""
    parts = [document.parts[0] for document in documents]
    story: list[Flowable] = []
    for index, document in enumerate(documents):
        if index:
            story += [Orientation(document.parts[0].landscape), PageBreak()]
        story.append(PartStart(index))
        for number, page in enumerate(document.pages):
            if number:
                story.append(PageBreak())
            story.append(_DrawnAgain(page))
    return build_story(story, parts, info, styles, paper, PageLayout())
