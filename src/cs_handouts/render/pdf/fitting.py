"""No near-empty last pages: a part that spills a line or two onto a page is set tighter.

A document is laid out once; each part whose last page is less than a quarter full is
laid out again from the tight theme (half the space between blocks, shorter blank chart
rows). The second layout is kept only if it has fewer pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from cs_handouts.render.pdf.document import DocumentInfo, PageLayout, Part, RenderedPdf, render_pdf
from cs_handouts.render.pdf.styles import Styles, make_styles

NEAR_EMPTY = 0.25  # a last page less full than this is worth a tighter layout

PartMaker = Callable[[Styles], Part]


def render_fitted(makers: Sequence[PartMaker], info: DocumentInfo, styles: Styles,
                  paper: str = "letter", layout: PageLayout | None = None,
                  **options: Any) -> RenderedPdf:
    """Lay out the parts ``makers`` make; set tighter any part that ends on a near-empty page."""
    layout = layout or PageLayout()
    parts = [make(styles) for make in makers]
    first = render_pdf(parts, info, styles, paper, layout, **options)
    spill = [index for index, (count, fill) in
             enumerate(zip(first.part_counts, first.part_last_fill, strict=True))
             if count > 1 and fill < NEAR_EMPTY]
    if not spill:
        return first
    tight = make_styles(styles.theme.tight(), styles.rtl)
    # Every part made afresh: ReportLab marks the flowables it has laid out once.
    retry = [make(tight if index in spill else styles) for index, make in enumerate(makers)]
    second = render_pdf(retry, info, styles, paper, layout, **options)
    return second if sum(second.part_counts) < sum(first.part_counts) else first
