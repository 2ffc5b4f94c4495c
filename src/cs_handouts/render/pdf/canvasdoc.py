"""Documents drawn straight on a canvas (name tents, certificates), with the usual metadata."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from cs_handouts import __version__
from cs_handouts.render.pdf.document import PAGE_SIZES, DocumentInfo, set_print_hints
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import ScriptCanvas
from cs_handouts.render.rendered import RenderedPdf


class CanvasDocument:
    """A canvas on an exact Letter or A4 page that knows its metadata; ``finish`` gives the PDF."""

    def __init__(self, info: DocumentInfo, styles: Styles, paper: str,
                 landscape: bool = False) -> None:
        self.buffer = io.BytesIO()
        width, height = PAGE_SIZES[paper]
        self.size = (height, width) if landscape else (width, height)
        self.canvas = ScriptCanvas(self.buffer, pagesize=self.size, invariant=1, lang=info.language,
                             initialFontName=styles.regular)
        self.canvas.font_stack = styles.stack
        self.canvas.setTitle(info.title)
        self.canvas.setAuthor(info.author)
        self.canvas.setSubject(info.subject)
        self.canvas.setCreator(f"handouts {__version__}")
        self.canvas.setProducer(f"handouts {__version__} (ReportLab)")
        self.canvas.setKeywords(list(info.keywords))
        set_print_hints(self.canvas, duplex=False)  # one page per person: one side each
        self.pages = 0

    def end_page(self) -> None:
        """Finish the current page."""
        self.canvas.showPage()
        self.pages += 1

    def finish(self) -> RenderedPdf:
        """Save the document and return it."""
        self.canvas.save()
        return RenderedPdf(self.buffer.getvalue(), self.pages)


def fit_lines(text: str, font: str, largest: float, smallest: float,
              width: float) -> tuple[float, list[str]]:
    """The largest size at which ``text`` fits ``width``: on one line, else on two.

    A name too long for one line at ``smallest`` breaks at the space nearest its middle.
    """
    lines = [text]
    if stringWidth(text, font, smallest) > width and " " in text:
        spaces = [i for i, ch in enumerate(text) if ch == " "]
        cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
        lines = [text[:cut], text[cut + 1:]]
    size = largest
    while size > smallest / 2 and max(stringWidth(line, font, size) for line in lines) > width:
        size -= 0.5
    return size, lines


def markup(text: str) -> str:
    """Plain text (a name, say) made safe for a ReportLab Paragraph."""
    return escape(text)
