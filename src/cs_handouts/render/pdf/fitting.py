"""No near-empty last pages: a part that spills a line or two onto a page is set again.

A document is laid out once. Each part whose last page is less than a quarter full is
laid out again from the tight theme (half the space between blocks, shorter blank chart
rows), kept if that saves a page. Failing that, its last two blocks are kept together,
so the last page holds more than a remnant.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, Spacer
from reportlab.platypus.doctemplate import ActionFlowable

from cs_handouts.render.pdf.document import DocumentInfo, PageLayout, Part, RenderedPdf, render_pdf
from cs_handouts.render.pdf.styles import Styles, make_styles

NEAR_EMPTY = 0.25  # a last page less full than this is worth a second layout

PartMaker = Callable[[Styles], Part]


class KeepTail(CondPageBreak):
    """A page break unless everything after it fits on this page."""

    def __init__(self, tail: Sequence[Flowable]) -> None:
        super().__init__(0)
        self.tail = list(tail)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.height = sum(flowable.wrapOn(self.canv, available_width, 10_000)[1]
                          + flowable.getSpaceBefore()
                          + flowable.getSpaceAfter() for flowable in self.tail)
        size: tuple[float, float] = super().wrap(available_width, available_height)
        return size


def keep_tail(part: Part) -> Part:
    """The part with its last two blocks kept together on one page."""
    story = part.story
    blocks = [index for index, flowable in enumerate(story)
              if not isinstance(flowable, Spacer | CondPageBreak | ActionFlowable)]
    if len(blocks) < 3:
        return part
    start = blocks[-2]
    return Part(part.title, [*story[:start], KeepTail(story[start:]), *story[start:]],
                part.nested, part.landscape)


def render_fitted(makers: Sequence[PartMaker], info: DocumentInfo, styles: Styles,
                  paper: str = "letter", layout: PageLayout | None = None,
                  **options: Any) -> RenderedPdf:
    """Lay out the parts ``makers`` make; set again any part that ends on a near-empty page."""
    layout = layout or PageLayout()
    first = render_pdf([make(styles) for make in makers], info, styles, paper, layout, **options)
    spill = _spilling(first)
    if not spill:
        return first
    tight = make_styles(styles.theme.tight(), styles.rtl)
    # Every part made afresh: ReportLab marks the flowables it has laid out once.
    second = render_pdf([make(tight if index in spill else styles)
                         for index, make in enumerate(makers)],
                        info, styles, paper, layout, **options)
    if sum(second.part_counts) < sum(first.part_counts):
        return second
    third = render_pdf([keep_tail(make(styles)) if index in spill else make(styles)
                        for index, make in enumerate(makers)],
                       info, styles, paper, layout, **options)
    fixed = len(_spilling(third)) < len(spill)
    return third if fixed and sum(third.part_counts) <= sum(first.part_counts) else first


def _spilling(pdf: RenderedPdf) -> set[int]:
    """The parts whose last page is nearly empty."""
    return {index for index, (count, fill) in
            enumerate(zip(pdf.part_counts, pdf.part_last_fill, strict=True))
            if count > 1 and fill < NEAR_EMPTY}
