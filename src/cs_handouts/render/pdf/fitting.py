"""No near-empty last pages: a part that spills a line or two onto a page is set again.

A document is laid out once. Each part whose last page is less than a quarter full is
laid out again from the tight theme (half the space between blocks, shorter blank chart
rows), kept if that saves a page. Failing that, its last two blocks are kept together,
so the last page holds more than a remnant. Then the room left at the foot of each part's
last page is shared out as more writing lines for the answers on that page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, Spacer
from reportlab.platypus.doctemplate import ActionFlowable

from cs_handouts.render.pdf.document import DocumentInfo, PageLayout, Part, RenderedPdf, render_pdf
from cs_handouts.render.pdf.flowables import EXTRA_LINES
from cs_handouts.render.pdf.styles import Styles, make_styles

NEAR_EMPTY = 0.25  # a last page less full than this is worth a second layout
MAX_EXTRA = 6  # most lines a question gains from spare room

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
    """Lay out the parts; none ends on a near-empty page, and room left is room to write."""
    layout = layout or PageLayout()
    # Each layout is tried unsaved: only the one kept is written out as a PDF.
    options = {**options, "unsaved": True}
    pdf, parts = _without_remnants(makers, info, styles, paper, layout, **options)
    extra = _shared_out(pdf, styles)
    if not extra:
        return pdf.saved()
    token = EXTRA_LINES.set(extra)
    try:  # the same layout as chosen, with the extra lines
        roomier = render_pdf(parts(), info, styles, paper, layout, **options)
    finally:
        EXTRA_LINES.reset(token)
    return (roomier if roomier.part_counts == pdf.part_counts else pdf).saved()


def _shared_out(pdf: RenderedPdf, styles: Styles) -> dict[str, int]:
    """More lines for the answers on each part's last page, sharing the room left below them."""
    gap = styles.theme.line_spacing
    extra: dict[str, int] = {}
    for start, count, spare in zip(pdf.part_pages, pdf.part_counts, pdf.part_last_spare,
                                   strict=True):
        last = start + count - 1
        names = [name for name, page in pdf.answer_pages
                 if page == last and not name.endswith(("-a", "-b"))]  # not a split answer
        if not names or spare < 2 * gap:
            continue
        # Keep a little of the room free: the page should not look crammed either.
        each = min(MAX_EXTRA, int((spare - gap) / gap / len(names)))
        extra.update({name: each for name in names if each > 0})
    return extra


def _without_remnants(makers: Sequence[PartMaker], info: DocumentInfo, styles: Styles,
                      paper: str, layout: PageLayout,
                      **options: Any) -> tuple[RenderedPdf, Callable[[], list[Part]]]:
    """The parts laid out, and how to make them again so (every part afresh: ReportLab marks
    the flowables it has laid out); one that spills a remnant is set tighter, or kept."""
    def plain() -> list[Part]:
        return [make(styles) for make in makers]

    first = render_pdf(plain(), info, styles, paper, layout, **options)
    spill = _spilling(first)
    if not spill:
        return first, plain
    tight_styles = make_styles(styles.theme.tight(), styles.rtl)

    def tight() -> list[Part]:
        return [make(tight_styles if index in spill else styles)
                for index, make in enumerate(makers)]

    second = render_pdf(tight(), info, styles, paper, layout, **options)
    if sum(second.part_counts) < sum(first.part_counts):
        return second, tight

    def kept() -> list[Part]:
        return [keep_tail(make(styles)) if index in spill else make(styles)
                for index, make in enumerate(makers)]

    third = render_pdf(kept(), info, styles, paper, layout, **options)
    fixed = len(_spilling(third)) < len(spill)
    if fixed and sum(third.part_counts) <= sum(first.part_counts):
        return third, kept
    return first, plain


def _spilling(pdf: RenderedPdf) -> set[int]:
    """The parts whose last page is nearly empty."""
    return {index for index, (count, fill) in
            enumerate(zip(pdf.part_counts, pdf.part_last_fill, strict=True))
            if count > 1 and fill < NEAR_EMPTY}
