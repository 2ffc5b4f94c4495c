"""The brand's logo on a PDF page: PNG and JPG through ReportLab's images, SVG through svglib."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from svglib.svglib import svg2rlg

from cs_handouts.errors import HandoutsError


class Logo:
    """A logo read once, drawn at any height with its proportions kept."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.drawing: Drawing | None = None
        self.image: ImageReader | None = None
        if path.suffix.lower() == ".svg":
            self.drawing = svg2rlg(str(path))
            if self.drawing is None or not self.drawing.width or not self.drawing.height:
                raise HandoutsError(f"{path}: the SVG logo has no size or could not be drawn")
            self.aspect = float(self.drawing.width) / float(self.drawing.height)
        else:
            self.image = ImageReader(str(path))
            width, height = self.image.getSize()
            self.aspect = float(width) / float(height)

    def width_at(self, height: float) -> float:
        """How wide the logo is when drawn ``height`` points tall."""
        return float(height * self.aspect)

    def draw(self, canvas: Canvas, x: float, y: float, height: float) -> None:
        """Draw the logo with its lower-left corner at (x, y), ``height`` points tall."""
        width = self.width_at(height)
        if self.drawing is not None:
            canvas.saveState()
            canvas.translate(x, y)
            canvas.scale(width / self.drawing.width, height / self.drawing.height)
            renderPDF.draw(self.drawing, canvas, 0, 0)
            canvas.restoreState()
        elif self.image is not None:
            canvas.drawImage(self.image, x, y, width, height, mask="auto")


@cache
def load_logo(path: Path) -> Logo:
    """The logo at ``path``, read once per process."""
    return Logo(path)
