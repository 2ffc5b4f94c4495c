"""Certificates of completion: one page per participant, on the series' paper.

Portrait by default, on exactly the Letter or A4 page every other file is, or landscape
(``certificates: {orientation: landscape}`` in handouts.yaml). The page stays white to
its edge: the frame is inset half an inch, inside what any office printer prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from cs_handouts.render.pdf.canvasdoc import CanvasDocument, fit_lines
from cs_handouts.render.pdf.document import DocumentInfo
from cs_handouts.render.pdf.logo import load_logo
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.rendered import RenderedPdf


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
    signer: str = ""  # the name under the signature line; the facilitator's if empty
    signer_title: str = ""  # "Director of Professional Learning"; "Facilitator" if empty


Label = Callable[..., str]  # a labels.txt block by name, filled in (plain text)


def english(block: str, **values: object) -> str:
    """The built-in English words, where no series' labels are at hand (tests, defaults)."""
    return _ENGLISH[block].format(**values)


_ENGLISH = {
    "certificate_heading": "CERTIFICATE", "certificate_of_completion": "of Completion",
    "certificate_certifies": "This certifies that", "certificate_completed": "has completed",
    "facilitator_label": "Facilitator", "date_label": "Date",
}


FRAME_INSET = 36.0  # the outer frame's outer edge is 0.5 in from the paper's edge, or more


def pd_hours(minutes: int) -> str:
    """Professional development hours to two decimals, without trailing zeros: 90 -> '1.5'."""
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".")


def pd_time(minutes: int, label: Label | None = None) -> tuple[str, str]:
    """The seal's figure and its unit: ('20', 'MINUTES') below an hour, ('1.5', 'PD HOURS')."""
    if minutes < 60 or (minutes * 4) % 60:
        figure, unit = str(minutes), "minutes"
    else:
        figure, unit = pd_hours(minutes), "hour" if minutes == 60 else "hours"
    if label is not None:
        return figure, label("seal_unit", unit=unit)
    return figure, {"minutes": "MINUTES", "hour": "PD HOUR", "hours": "PD HOURS"}[unit]


def pd_sentence(minutes: int, label: Label | None = None) -> str:
    """The time as a sentence: '20 minutes of professional development', '1.5 ... hours (90 minutes)'."""
    if label is not None:  # the series' language
        if minutes < 60:
            return label("pd_minutes", minutes=minutes)
        if (minutes * 4) % 60 == 0:
            return label("pd_hours", hours=pd_hours(minutes), minutes=minutes)
        whole, rest = divmod(minutes, 60)
        return label("pd_hours_minutes", hours=label("hour_count", count=whole),
                     minutes=label("segment_minutes", minutes=rest))
    if minutes < 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''} of professional development"
    hours = pd_hours(minutes)
    noun = "hour" if hours == "1" else "hours"
    if (minutes * 4) % 60 == 0:
        return f"{hours} professional development {noun} ({minutes} minutes)"
    whole, rest = divmod(minutes, 60)
    return (f"{whole} hour{'s' if whole != 1 else ''} {rest} minute{'s' if rest != 1 else ''}"
            " of professional development")


def render_certificates(certificates: Sequence[Certificate], info: DocumentInfo, styles: Styles,
                        paper: str, logo: Path | None = None,
                        landscape: bool = False, label: Label | None = None) -> RenderedPdf:
    """One page per certificate, in the order given, with the brand's logo at the top.

    ``label`` gives the words in the series' language (labels.txt); English without it.
    """
    document = CanvasDocument(info, styles, paper, landscape=landscape)
    width, height = document.size
    # Landscape pages are shorter: every vertical distance shrinks with the page.
    squeeze = min(1.0, height / 792)
    for certificate in certificates:
        _border(document.canvas, width, height, styles)
        top = height - 104 * squeeze
        if logo is not None:
            image = load_logo(logo, info.grey_logo)
            size = 46.0 * squeeze
            image.draw(document.canvas, (width - image.width_at(size)) / 2, top - 6, size)
            top -= 30 * squeeze
        _draw(document.canvas, certificate, width, top, styles, squeeze, label)
        document.end_page()
    return document.finish()


def _draw(canvas: Canvas, certificate: Certificate, width: float, top: float,
          styles: Styles, squeeze: float, label: Label | None) -> None:
    """Everything but the logo; ``top`` is the baseline of the organization's name."""
    words = label or english
    centre = width / 2
    text_width = min(width - 170, 460)

    def lines(text: str, font: str, largest: float, smallest: float, y: float,
              colour: str = "text", spacing: float = 0, gap: float = 1.2) -> float:
        """Draw ``text`` centred from baseline ``y`` down; return the last baseline."""
        size, parts = fit_lines(text, font, largest, smallest, text_width - len(text) * spacing)
        canvas.setFont(font, size)
        canvas.setFillColor(styles.colour(colour))
        for index, part in enumerate(parts):
            canvas.drawCentredString(centre, y - index * size * gap, part, charSpace=spacing)
        return y - (len(parts) - 1) * size * gap

    s = squeeze
    y = lines(certificate.organization.upper(), styles.bold, 12, 8, top, "primary", spacing=1.8)
    canvas.setFillColor(styles.colour("accent"))
    canvas.rect(centre - 50, y - 18 * s, 100, 2.5, stroke=0, fill=1)
    y = lines(words("certificate_heading"), styles.bold, 40, 30, y - 72 * s, "primary", spacing=5)
    y = lines(words("certificate_of_completion"), styles.italic, 24, 18, y - 34 * s, "primary")
    y = lines(words("certificate_certifies"), styles.italic, 13, 10, y - 72 * s, "muted")
    y = lines(certificate.name, styles.bold, 32, 20, y - 52 * s, gap=1.1)
    canvas.setStrokeColor(styles.colour("rule"))
    canvas.setLineWidth(0.8)
    canvas.line(centre - 190, y - 14, centre + 190, y - 14)
    y -= 14
    if certificate.school:
        y = lines(certificate.school, styles.regular, 12, 9, y - 19, "muted")
    y = lines(words("certificate_completed"), styles.italic, 13, 10, y - 52 * s, "muted")
    y = lines(certificate.completed, styles.bold, 19, 12, y - 34 * s, "primary")
    if certificate.series:
        y = lines(certificate.series, styles.regular, 11.5, 11.5, y - 22 * s)
    y = lines(pd_sentence(certificate.minutes, label), styles.bold, 12, 9, y - 34 * s)
    signatures = 118 * s
    # The seal sits between the text and the signatures; a long name pushes it down a little.
    radius = 44 * s
    seal_y = max(signatures + radius + 14, min(signatures + 96 * s, y - 34 - radius))
    _seal(canvas, centre, seal_y, pd_time(certificate.minutes, label), styles, radius)
    _signatures(canvas, certificate, width, styles, signatures, words)


def _border(canvas: Canvas, width: float, height: float, styles: Styles) -> None:
    """A double frame with corner diamonds, half an inch in: the paper stays white to its edge."""
    outer = FRAME_INSET + 1.5  # the 3 pt rule's outer edge is exactly FRAME_INSET in
    inner = outer + 8
    canvas.saveState()
    canvas.setStrokeColor(styles.colour("primary"))
    canvas.setLineWidth(3)
    canvas.rect(outer, outer, width - 2 * outer, height - 2 * outer, stroke=1, fill=0)
    canvas.setStrokeColor(styles.colour("accent"))
    canvas.setLineWidth(0.8)
    canvas.rect(inner, inner, width - 2 * inner, height - 2 * inner, stroke=1, fill=0)
    canvas.setFillColor(styles.colour("accent"))
    for x, y in ((inner, inner), (width - inner, inner), (inner, height - inner),
                 (width - inner, height - inner)):
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


def _signatures(canvas: Canvas, certificate: Certificate, width: float, styles: Styles,
                line_y: float, words: Label) -> None:
    """A signature line with the signer's name and title on the left, the date on the right."""
    half = 100
    left, right = width * 0.3, width * 0.7
    canvas.saveState()
    canvas.setStrokeColor(styles.colour("text"))
    canvas.setLineWidth(0.8)
    canvas.line(left - half, line_y, left + half, line_y)
    canvas.line(right - half, line_y, right + half, line_y)
    canvas.setFont(styles.regular, 12)
    canvas.setFillColor(styles.colour("text"))
    canvas.drawCentredString(right, line_y + 8, certificate.date)
    signer = certificate.signer or certificate.facilitator
    title = certificate.signer_title or words("facilitator_label")
    y = line_y - 15
    if signer:
        size, parts = fit_lines(signer, styles.bold, 11, 8, half * 2)
        canvas.setFont(styles.bold, size)
        canvas.drawCentredString(left, y, parts[0] if len(parts) == 1 else signer)
        y -= 13
    canvas.setFont(styles.regular, 9.5)
    canvas.setFillColor(styles.colour("muted"))
    size, parts = fit_lines(title, styles.regular, 9.5, 7, half * 2)
    canvas.setFont(styles.regular, size)
    for index, part in enumerate(parts):
        canvas.drawCentredString(left, y - index * size * 1.2, part)
    canvas.setFont(styles.regular, 9.5)
    canvas.drawCentredString(right, line_y - 15, words("date_label"))
    canvas.restoreState()


def _seal(canvas: Canvas, x: float, y: float, time: tuple[str, str], styles: Styles,
          radius: float = 44) -> None:
    """A round medallion with the PD time, above the signature and the date."""
    figure, unit = time
    k = radius / 44
    canvas.saveState()
    canvas.setFillColor(styles.colour("primary"))
    canvas.circle(x, y, radius, stroke=0, fill=1)
    canvas.setStrokeColor("#FFFFFF")
    canvas.setLineWidth(1.2)
    canvas.circle(x, y, 38 * k, stroke=1, fill=0)
    canvas.setLineWidth(0.5)
    canvas.circle(x, y, 35 * k, stroke=1, fill=0)
    canvas.setFillColor("#FFFFFF")
    size = (22 if len(figure) <= 3 else 16) * k
    canvas.setFont(styles.bold, size)
    canvas.drawCentredString(x, y - size * 0.3, figure)
    canvas.setFont(styles.bold, 6.5 * k)
    canvas.drawCentredString(x, y - 17 * k, unit, charSpace=1.1)
    # The ornament sits above the figure's cap height, with clear space between them.
    _diamond(canvas, x, y + 25 * k, 3 * k)
    canvas.restoreState()
