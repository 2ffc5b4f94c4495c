"""Name tents: one sheet per participant, folded in half across the middle to stand on a table.

The name is printed on both halves, the top one upside down, so that once the
sheet is folded along the dashed line it reads the right way up from both sides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from cs_handouts.render.pdf.canvasdoc import CanvasDocument, fit_lines
from cs_handouts.render.pdf.document import DocumentInfo
from cs_handouts.render.pdf.logo import Logo, load_logo
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.rendered import RenderedPdf

SIDE_MARGIN = 48


@dataclass(frozen=True)
class Tent:
    """What one name tent says."""

    name: str
    school: str


def render_name_tents(tents: Sequence[Tent], footer: str, info: DocumentInfo, styles: Styles,
                      paper: str, logo: Path | None = None) -> RenderedPdf:
    """One page per tent; ``footer`` (the series, say) runs small along each face's foot."""
    document = CanvasDocument(info, styles, paper)
    width, height = document.size
    image = load_logo(logo, info.grey_logo) if logo is not None else None
    for tent in tents:
        canvas = document.canvas
        _fold_line(canvas, width, height, styles)
        _face(canvas, tent, footer, width, height / 2, styles, image)
        canvas.saveState()
        # The top half, turned 180° about the page's centre, reads upright once folded.
        canvas.translate(width, height)
        canvas.rotate(180)
        _face(canvas, tent, footer, width, height / 2, styles, image)
        canvas.restoreState()
        document.end_page()
    return document.finish()


def _face(canvas: Canvas, tent: Tent, footer: str, width: float, height: float,
          styles: Styles, logo: Logo | None) -> None:
    """One half of the sheet, drawn in the box (0, 0)-(width, height) with the fold at the top.

    The first name is the largest thing on it, read from across a room; the full name sits
    under it, smaller, then the school.
    """
    room = width - 2 * SIDE_MARGIN
    canvas.saveState()
    canvas.setFillColor(styles.colour("primary"))
    canvas.rect(SIDE_MARGIN, 40, room, 3, stroke=0, fill=1)
    if logo is not None:
        size = 34.0
        logo.draw(canvas, (width - logo.width_at(size)) / 2, height - 30 - size, size)
    words = tent.name.split()
    first = words[0] if words else tent.name
    size, lines = fit_lines(first, styles.bold, 72, 28, room)
    middle = height * 0.5 + (len(lines) - 1) * size * 0.55
    canvas.setFillColor(styles.colour("text"))
    canvas.setFont(styles.bold, size)
    for index, line in enumerate(lines):
        canvas.drawCentredString(width / 2, middle - index * size * 1.1, line)
    below = middle - (len(lines) - 1) * size * 1.1
    if len(words) > 1:
        full_size, full_lines = fit_lines(tent.name, styles.regular, 24, 14, room)
        below -= full_size * 1.8
        canvas.setFont(styles.regular, full_size)
        for index, line in enumerate(full_lines):
            canvas.drawCentredString(width / 2, below - index * full_size * 1.2, line)
        below -= (len(full_lines) - 1) * full_size * 1.2
    if tent.school:
        school_size, school_lines = fit_lines(tent.school, styles.regular, 18, 12, room)
        canvas.setFillColor(styles.colour("muted"))
        canvas.setFont(styles.regular, school_size)
        below -= school_size * 1.8
        for index, line in enumerate(school_lines):
            canvas.drawCentredString(width / 2, below - index * school_size * 1.2, line)
    canvas.setFillColor(styles.colour("muted"))
    canvas.setFont(styles.regular, styles.theme.sizes.small)
    canvas.drawCentredString(width / 2, 26, footer)
    canvas.restoreState()


def _fold_line(canvas: Canvas, width: float, height: float, styles: Styles) -> None:
    canvas.saveState()
    canvas.setStrokeColor(styles.colour("rule"))
    canvas.setLineWidth(0.5)
    canvas.setDash(4, 4)
    canvas.line(18, height / 2, width - 18, height / 2)
    canvas.setFillColor(styles.colour("rule"))
    canvas.setFont(styles.regular, 7)
    canvas.drawRightString(width - 18, height / 2 + 4, "fold")
    canvas.restoreState()
