"""The brand's logo on a PDF page: PNG and JPG through ReportLab's images, SVG through svglib."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image as PILImage
from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from cs_handouts.errors import HandoutsError

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing


class Logo:
    """A logo read once, drawn at any height with its proportions kept; in greys if asked."""

    def __init__(self, path: Path, grey: bool = False) -> None:
        self.path = path
        self.drawing: Drawing | None = None
        self.image: ImageReader | None = None
        if path.suffix.lower() == ".svg":
            svg2rlg = _svg_converter()
            # The loader refused references that leave the series; svglib is told the root
            # too, so that nothing outside it is ever opened while drawing.
            self.drawing = svg2rlg(str(path), external_reference_root=str(_series_root(path)))
            if self.drawing is None or not self.drawing.width or not self.drawing.height:
                raise HandoutsError(f"{path}: the SVG logo has no size or could not be drawn")
            if grey:
                _grey_shapes(self.drawing)
            self.aspect = float(self.drawing.width) / float(self.drawing.height)
        else:
            source: str | PILImage.Image = str(path)
            if grey:  # greys with the transparency kept, for --grayscale print sets
                source = PILImage.open(path).convert("LA").convert("RGBA")
            self.image = ImageReader(source)
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
            # renderPDF starts from Helvetica even for a drawing without text, which puts an
            # unembedded font in the PDF; start from the page's own (embedded) font instead.
            self.drawing.initialFontName = canvas._fontname
            self.drawing.initialFontSize = canvas._fontsize
            from reportlab.graphics import renderPDF  # loaded with svglib: no cost here

            renderPDF.draw(self.drawing, canvas, 0, 0)
            canvas.restoreState()
        elif self.image is not None:
            canvas.drawImage(self.image, x, y, width, height, mask="auto")


def _svg_converter() -> Callable[..., Drawing | None]:
    """svglib's converter, imported here: with ReportLab's graphics, it costs 20-30 ms.

    Only its module: the package's own ``__init__`` is svglib's command-line tool, which
    reads the installed packages' metadata for its --version (10 ms of each build with an
    SVG logo). The package is put in place without running it, as the import system does
    for a namespace package; its modules import each other relatively, which is all they need.
    """
    package = None
    if "svglib" not in sys.modules:
        spec = importlib.util.find_spec("svglib")
        if spec is not None and spec.submodule_search_locations is not None:
            package = sys.modules["svglib"] = importlib.util.module_from_spec(spec)
    try:
        from svglib.svglib import svg2rlg
    except ImportError:  # a later svglib whose module needs its package: imported whole
        if package is None or sys.modules.get("svglib") is not package:
            raise
        for name in [name for name in sys.modules if name.partition(".")[0] == "svglib"]:
            del sys.modules[name]
        from svglib.svglib import svg2rlg

    return svg2rlg


@cache
def load_logo(path: Path, grey: bool = False) -> Logo:
    """The logo at ``path``, read once per process (in colour and in greys)."""
    return Logo(path, grey)


def _series_root(path: Path) -> Path:
    """The series folder holding ``path``: the nearest folder above it with a handouts.yaml."""
    for folder in path.resolve().parents:
        if (folder / "handouts.yaml").is_file():
            return folder
    return path.resolve().parent


def _grey_shapes(node: object) -> None:
    """Turn every fill and stroke colour of an SVG drawing into the grey of its lightness."""
    for attribute in ("fillColor", "strokeColor"):
        colour = getattr(node, attribute, None)
        if isinstance(colour, Color):
            luma = 0.299 * colour.red + 0.587 * colour.green + 0.114 * colour.blue
            setattr(node, attribute, Color(luma, luma, luma, alpha=colour.alpha))
    for child in getattr(node, "contents", None) or []:
        _grey_shapes(child)
