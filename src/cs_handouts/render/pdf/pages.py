"""Page templates: portrait and landscape, front and back, each with its own page size.

A landscape part is laid out on landscape pages (the page itself is wider than tall,
not rotated), so a viewer shows it upright and a printer turns it. With a binding
gutter in duplex, back pages mirror front pages (gutter on the right).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.pagesizes import landscape as turned
from reportlab.platypus import Frame, PageTemplate

from cs_handouts.content.theme import Theme


def template_name(landscape: bool, back: bool) -> str:
    """The id of the page template for this orientation and side."""
    return f"{'landscape' if landscape else 'portrait'}-{'back' if back else 'front'}"


def page_templates(size: tuple[float, float], theme: Theme, gutter: float, mirrored: bool,
                   first_landscape: bool, decorate: Callable[..., Any]) -> list[PageTemplate]:
    """Every template a document may use; the first is the first page's."""
    margins = theme.margins
    templates = []
    for landscape in sorted((False, True), key=lambda turn: turn != first_landscape):
        page = turned(size) if landscape else size
        width = page[0] - margins.left - margins.right - gutter
        height = page[1] - margins.top - margins.bottom
        sides = (False, True) if mirrored else (False,)
        for back in sides:
            left = margins.left if back else margins.left + gutter
            frame = Frame(left, margins.bottom, width, height, id=template_name(landscape, back),
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            templates.append(PageTemplate(template_name(landscape, back), [frame],
                                          onPageEnd=decorate, pagesize=page))
    return templates
