"""Certificates of completion: one portrait page per participant, on the series' paper.

Portrait, so that a certificate is exactly the Letter or A4 page every other file
is (612 x 792 or 595.28 x 841.89 points) and prints on the same cardstock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from cs_handouts.render.pdf.canvasdoc import CanvasDocument, fit_lines
from cs_handouts.render.pdf.document import DocumentInfo, RenderedPdf
from cs_handouts.render.pdf.logo import load_logo
from cs_handouts.render.pdf.styles import Styles


@dataclass(frozen=True)
class Certificate:
    """What one certificate says."""

    name: str
    school: str
    organization: str
    completed: str  # "Module 4: Internal Customer Service"
    series: str  # "a module of the professional learning series ..." (may be empty)
    date: str
    minutes: int
    facilitator: str = ""


def pd_hours(minutes: int) -> str:
    """Professional development hours to two decimals, without trailing zeros: 20 -> '0.33'."""
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".")


def render_certificates(certificates: Sequence[Certificate], info: DocumentInfo, styles: Styles,
                        paper: str, logo: Path | None = None) -> RenderedPdf:
    """One page per certificate, in the order given, with the brand's logo at the top."""
    document = CanvasDocument(info, styles, paper)
    width, height = document.size
    for certificate in certificates:
        _border(document.canvas, width, height, styles)
        top = height - 104
        if logo is not None:
            image = load_logo(logo, info.grey_logo)
            size = 46.0
            image.draw(document.canvas, (width - image.width_at(size)) / 2, top - 6, size)
            top -= 30
        _draw(document.canvas, certificate, width, top, styles)
        document.end_page()
    return document.finish()


def _draw(canvas: Canvas, certificate: Certificate, width: float, top: float,
          styles: Styles) -> None:
    """Everything but the logo; ``top`` is the baseline of the organization's name."""
    centre = width / 2
    text_width = width - 170

    def lines(text: str, font: str, largest: float, smallest: float, y: float,
              colour: str = "text", spacing: float = 0, gap: float = 1.2) -> float:
        """Draw ``text`` centred from baseline ``y`` down; return the last baseline."""
        size, parts = fit_lines(text, font, largest, smallest, text_width - len(text) * spacing)
        canvas.setFont(font, size)
        canvas.setFillColor(styles.colour(colour))
        for index, part in enumerate(parts):
            canvas.drawCentredString(centre, y - index * size * gap, part, charSpace=spacing)
        return y - (len(parts) - 1) * size * gap

    y = lines(certificate.organization.upper(), styles.bold, 12, 8, top, "primary", spacing=1.8)
    canvas.setFillColor(styles.colour("accent"))
    canvas.rect(centre - 50, y - 18, 100, 2.5, stroke=0, fill=1)
    y = lines("CERTIFICATE", styles.bold, 40, 30, y - 72, "primary", spacing=5)
    y = lines("of Completion", styles.italic, 24, 18, y - 34, "primary")
    y = lines("This certifies that", styles.italic, 13, 10, y - 72, "muted")
    y = lines(certificate.name, styles.bold, 32, 20, y - 52, gap=1.1)
    canvas.setStrokeColor(styles.colour("rule"))
    canvas.setLineWidth(0.8)
    canvas.line(centre - 190, y - 14, centre + 190, y - 14)
    y -= 14
    if certificate.school:
        y = lines(certificate.school, styles.regular, 12, 9, y - 19, "muted")
    y = lines("has completed", styles.italic, 13, 10, y - 52, "muted")
    y = lines(certificate.completed, styles.bold, 19, 12, y - 34, "primary")
    if certificate.series:
        y = lines(certificate.series, styles.regular, 11.5, 11.5, y - 22)
    hours = pd_hours(certificate.minutes)
    noun = "hour" if hours == "1" else "hours"
    y = lines(f"{hours} professional development {noun} ({certificate.minutes} minutes)",
              styles.bold, 12, 9, y - 34)
    # The seal sits between the text and the signatures; a long name pushes it down a little.
    _seal(canvas, centre, max(166.0, min(206.0, y - 78)), hours, styles)
    _signatures(canvas, certificate, width, styles)


def _border(canvas: Canvas, width: float, height: float, styles: Styles) -> None:
    canvas.saveState()
    canvas.setFillColor(styles.colour("fill"))
    canvas.rect(0, 0, width, height, stroke=0, fill=1)
    canvas.setFillColor("#FFFFFF")
    canvas.rect(30, 30, width - 60, height - 60, stroke=0, fill=1)
    canvas.setStrokeColor(styles.colour("primary"))
    canvas.setLineWidth(3)
    canvas.rect(30, 30, width - 60, height - 60, stroke=1, fill=0)
    canvas.setStrokeColor(styles.colour("accent"))
    canvas.setLineWidth(0.8)
    canvas.rect(38, 38, width - 76, height - 76, stroke=1, fill=0)
    canvas.setFillColor(styles.colour("accent"))
    for x, y in ((38, 38), (width - 38, 38), (38, height - 38), (width - 38, height - 38)):
        _diamond(canvas, x, y, 6)
    canvas.restoreState()


def _diamond(canvas: Canvas, x: float, y: float, radius: float) -> None:
    path = canvas.beginPath()
    path.moveTo(x, y + radius)
    path.lineTo(x + radius, y)
    path.lineTo(x, y - radius)
    path.lineTo(x - radius, y)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _signatures(canvas: Canvas, certificate: Certificate, width: float, styles: Styles) -> None:
    """A signature line on the left, the date on the right."""
    line_y, half = 110, 92
    left, right = width * 0.28, width * 0.72
    canvas.saveState()
    canvas.setStrokeColor(styles.colour("text"))
    canvas.setLineWidth(0.8)
    canvas.line(left - half, line_y, left + half, line_y)
    canvas.line(right - half, line_y, right + half, line_y)
    canvas.setFont(styles.regular, 12)
    canvas.setFillColor(styles.colour("text"))
    canvas.drawCentredString(right, line_y + 8, certificate.date)
    canvas.setFont(styles.regular, 9.5)
    canvas.setFillColor(styles.colour("muted"))
    signer = f"{certificate.facilitator}, Facilitator" if certificate.facilitator else "Facilitator"
    canvas.drawCentredString(left, line_y - 14, signer)
    canvas.drawCentredString(right, line_y - 14, "Date")
    canvas.restoreState()


def _seal(canvas: Canvas, x: float, y: float, hours: str, styles: Styles) -> None:
    """A round medallion with the PD hours, above the signature and the date."""
    canvas.saveState()
    canvas.setFillColor(styles.colour("primary"))
    canvas.circle(x, y, 44, stroke=0, fill=1)
    canvas.setStrokeColor("#FFFFFF")
    canvas.setLineWidth(1.2)
    canvas.circle(x, y, 38, stroke=1, fill=0)
    canvas.setLineWidth(0.5)
    canvas.circle(x, y, 35, stroke=1, fill=0)
    canvas.setFillColor("#FFFFFF")
    canvas.setFont(styles.bold, 20 if len(hours) <= 4 else 15)
    canvas.drawCentredString(x, y - 2, hours)
    canvas.setFont(styles.bold, 7)
    canvas.drawCentredString(x, y - 16, "PD HOURS", charSpace=1.2)
    _diamond(canvas, x, y + 19, 3.5)
    canvas.restoreState()
