"""The QR code to a page's web twin, drawn at the right end of the footer band."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.pdfbase.pdfmetrics import stringWidth

from cs_handouts.content.theme import LARGE_PRINT_BODY

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

# About 16 mm: at 600 dpi each module of a 100-character address is 8 dots or more, and
# a phone reads it from a hand's length. Level M survives a smudge or a fold.
CODE_SIZE = 46.0
CODE_BOTTOM = 14.0  # above the edge most printers leave unprinted
CODE_GAP = 6.0  # between the code and the footer's text, keeping part of its quiet zone white
QUIET_MODULES = 2  # white modules around the code; the page around it is white too
SMALLEST = 5.0  # points: an address of 80 characters and its path fit beside the code


@dataclass(frozen=True)
class OnlineCode:
    """Where a page's web twin lives, and how to draw the code that leads there."""

    url: str

    @property
    def short(self) -> str:
        """The address as printed beside the code: without the scheme."""
        return self.url.split("://", 1)[-1]

    def draw(self, canvas: Canvas, right: float, top: float) -> float:
        """Draw the code with its right edge at ``right``, linked; return the width it takes."""
        # Imported here: only a series with a site-url: draws codes (ReportLab's QR code and
        # barcode modules take a while to import).
        from reportlab.graphics import renderPDF
        from reportlab.graphics.barcode.qr import QrCodeWidget
        from reportlab.graphics.shapes import Drawing

        size = min(CODE_SIZE, top - CODE_BOTTOM)
        widget = QrCodeWidget(self.url, barLevel="M", barBorder=QUIET_MODULES,
                              barWidth=size, barHeight=size)
        drawing = Drawing(size, size)
        drawing.add(widget)
        left = right - size
        renderPDF.draw(drawing, canvas, left, CODE_BOTTOM)
        canvas.linkURL(self.url, (left, CODE_BOTTOM, right, CODE_BOTTOM + size), relative=0)
        return size + CODE_GAP


def web_address(site_url: str, path: str) -> str:
    """The published address of ``path`` (relative to ``output/``) under the series' site-url."""
    return f"{site_url.rstrip('/')}/{path.lstrip('/')}"


def address_lines(text: str, font: str, size: float, width: float) -> tuple[list[str], float]:
    """The address as printed beside its code, in the footer's ``size``: its lines, their size.

    One line, made smaller down to 5 pt where it must; but large print keeps every text at
    its size (16 pt or more), so there a long address breaks after slashes, onto as many
    lines as it needs.
    """
    floor = size if size >= LARGE_PRINT_BODY else min(size, SMALLEST)
    while size > floor and stringWidth(text, font, size) > width:
        size = max(floor, size - 0.5)
    if stringWidth(text, font, size) <= width:
        return [text], size
    lines: list[str] = []
    line = ""
    for piece in re.findall(r"[^/]*/|[^/]+$", text):
        if line and stringWidth(line + piece, font, size) > width:
            lines.append(line)
            line = ""
        line += piece
    return [*lines, line], size


def address_line_count(addresses: list[str], font: str, size: float, room: float) -> int:
    """The lines the footer band needs for the longest of ``addresses`` (0 without codes).

    ``room`` is the width between the margins; the code and its gap take their share.
    """
    return max((len(address_lines(text, font, size, room - CODE_SIZE - CODE_GAP)[0])
                for text in addresses), default=0)
