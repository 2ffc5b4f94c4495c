"""A picture in the flow of a guide or handout: scaled to fit the page, never cut."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable

from cs_handouts.content.media import Image
from cs_handouts.render.pdf.logo import Logo, load_logo
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import Paragraph
from cs_handouts.text.markup import to_reportlab

# The tallest a picture is drawn before the page is known: it fits a landscape Letter frame,
# so a picture moved to a fresh page always fits there.
MAX_HEIGHT = 6.4 * 72
PIXEL = 0.75  # a picture without a width is drawn at 96 pixels per inch


def _grey_theme(styles: Styles) -> bool:
    """Whether the theme is --grayscale's (every colour grey, fills dropped): pictures go grey."""
    colours = styles.theme.colors
    primary = colours.primary.lstrip("#").upper()
    return (colours.fill.upper() == "#FFFFFF" and colours.head_text == colours.text
            and len(primary) == 6 and primary[0:2] == primary[2:4] == primary[4:6])


class ImageFlowable(Flowable):
    """An image at its width (a share of the text width), its caption under it."""

    def __init__(self, image: Image, styles: Styles, shrink: float = 1.0) -> None:
        super().__init__()
        self.image, self.styles, self.shrink = image, styles, shrink
        self.picture: Logo = load_logo(Path(image.file), _grey_theme(styles))
        self.caption = (Paragraph(to_reportlab(image.caption), styles.muted)
                        if image.caption else None)
        self.hAlign = "CENTER"
        self.spaceBefore = 4
        self.spaceAfter = styles.theme.spacing.paragraph

    def _natural_width(self) -> float:
        source = self.picture.image
        if source is not None:
            return float(source.getSize()[0]) * PIXEL
        drawing = self.picture.drawing
        return float(drawing.width) if drawing is not None else 200.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        fraction = self.image.fraction
        width = available_width * fraction if fraction else self._natural_width()
        width = min(width, available_width)
        height = width / self.picture.aspect
        if height > MAX_HEIGHT:
            height, width = MAX_HEIGHT, MAX_HEIGHT * self.picture.aspect
        # Shrunk after the cap: a tall picture shrunk to finish a page must really shrink.
        width, height = width * self.shrink, height * self.shrink
        self.picture_width, self.picture_height = width, height
        self.caption_height = 0.0
        if self.caption is not None:
            self.caption_height = self.caption.wrap(max(width, 180.0), 1000)[1] + 3
        self.width = max(width, 180.0 if self.caption else 0.0)
        self.height = height + self.caption_height
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """Never cut: shrink a little to finish the page, else move whole to the next one."""
        self.wrap(available_width, available_height)
        room = available_height - self.caption_height
        if room <= 0 or room < self.picture_height * 0.8:
            return []
        smaller = ImageFlowable(self.image, self.styles,
                                self.shrink * room / self.picture_height * 0.999)
        # A narrower picture's caption may wrap to one more line: then it moves on whole.
        return [smaller] if smaller.wrap(available_width, available_height)[1] <= available_height else []

    def draw(self) -> None:
        x = (self.width - self.picture_width) / 2
        self.picture.draw(self.canv, x, self.caption_height, self.picture_height)
        if self.caption is not None:
            self.caption.drawOn(self.canv, 0, 0)
