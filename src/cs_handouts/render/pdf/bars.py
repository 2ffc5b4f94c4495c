"""A horizontal bar chart of counts: one bar per answer, its label at the left, its count at the end."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import string_width


class CountBars(Flowable):
    """How many chose each answer, as bars scaled to the largest count."""

    def __init__(self, labels: Sequence[str], counts: Sequence[int], styles: Styles) -> None:
        super().__init__()
        self.labels, self.counts, self.styles = list(labels), list(counts), styles
        size = styles.theme.sizes.small
        self.row = size * 1.9
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        widest = max((self.canv_width(label) for label in self.labels), default=0)
        self.label_width = min(widest + self.size, available_width * 0.45)
        self.height = self.row * len(self.labels)
        return available_width, self.height

    def canv_width(self, text: str) -> float:
        """The width as the canvas draws it: fallback fonts (Chinese, Arabic...) included."""
        return string_width(text, self.styles.regular, self.size, self.styles.stack)

    def draw(self) -> None:
        canvas, styles, size = self.canv, self.styles, self.size
        room = self.width - self.label_width - size * 4  # the count's place after the longest bar
        most = max(self.counts, default=0) or 1
        canvas.setFont(styles.regular, size)
        for index, (label, count) in enumerate(zip(self.labels, self.counts, strict=True)):
            top = self.height - index * self.row
            baseline = top - self.row * 0.5 - size * 0.35
            canvas.setFillColor(styles.colour("text"))
            canvas.drawRightString(self.label_width - size * 0.6, baseline, _cut(label, self))
            length = room * count / most
            if count:
                canvas.setFillColor(styles.colour("primary"))
                canvas.rect(self.label_width, top - self.row * 0.85, length, self.row * 0.7,
                            stroke=0, fill=1)
            canvas.setFillColor(styles.colour("text"))
            canvas.drawString(self.label_width + length + size * 0.5, baseline, str(count))


def _cut(label: str, bars: CountBars) -> str:
    """The label, shortened with an ellipsis to fit its column."""
    room = bars.label_width - bars.size
    if bars.canv_width(label) <= room:
        return label
    while label and bars.canv_width(label + "…") > room:
        label = label[:-1]
    return label.rstrip() + "…"
