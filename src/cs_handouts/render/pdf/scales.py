"""Rating scales: statements rated on a row of points, a radio group per statement.

Up to seven points sit in columns beside the statements. A wider scale (0-10)
puts each statement on a line of its own with its points across the full width
below it, so eleven points get room for their labels. Labels that would print
too small to read become a legend line above the points instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from cs_handouts.content.theme import LARGE_PRINT_BODY
from cs_handouts.render.pdf.flowables import _fitting_style, _markup, _Titled, with_fields
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import Paragraph
from cs_handouts.text.markup import plain

_CLEAR = Color(1, 1, 1, alpha=0)
SIDE_BY_SIDE = 7  # most points that fit beside a statement


class RatingScale(_Titled):
    """Statements rated on a scale of points: a radio group per statement."""

    def __init__(self, statements: Sequence[str], values: Sequence[int],
                 labels: Mapping[int, str], name: str, styles: Styles, first: int = 1,
                 title: str | None = None) -> None:
        super().__init__(title, styles)
        self.statements, self.values, self.labels = list(statements), list(values), dict(labels)
        self.name, self.first = name, first
        self.stacked = len(self.values) > SIDE_BY_SIDE

    def _heads(self, legend: bool) -> list[str]:
        """What each point's column heading says: its label, its number, or both."""
        if not legend and len(self.labels) == len(self.values):
            return [_markup(self.labels[value]) for value in self.values]
        return [f"<b>{value}</b>" + (f"<br/>{_markup(self.labels[value])}"
                                     if value in self.labels and not legend else "")
                for value in self.values]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        pad = 5
        self.width = available_width
        self.title_height = self._wrap_title(available_width)
        scale = self.styles.theme.scale
        count = len(self.values)
        if self.stacked:
            self.column = available_width / count
            self.text_width = available_width
        else:
            self.column = min(62.0 * scale, available_width * 0.55 / count)
            self.text_width = available_width - self.column * count
        small = self.styles.centred_small
        style = _fitting_style(small, list(self.labels.values()), self.column - 4)
        # Labels squeezed below four fifths of the small size are hard to read: a legend instead.
        # Large print never shrinks: any label that does not fit goes to the legend.
        least = small.fontSize if small.fontSize >= LARGE_PRINT_BODY else small.fontSize * 0.8
        legend = bool(self.labels) and style.fontSize < least
        self.legend = None
        if legend:
            style = small
            text = " · ".join(f"{value} = {_markup(self.labels[value])}"
                              for value in self.values if value in self.labels)
            self.legend = Paragraph(text, self.styles.muted)
            self.legend.wrap(available_width - 2 * pad, 1000)
        self.head = [Paragraph(text, style) for text in self._heads(legend)]
        self.points_head = max(p.wrap(self.column - 4, 1000)[1] for p in self.head) + 2 * pad
        self.head_height = self.points_head + (self.legend.height + pad if self.legend else 0)
        self.rows = [Paragraph(_markup(s), self.styles.cell) for s in self.statements]
        self.radius = 6 * scale
        if self.stacked:
            band = 2 * self.radius + 2 * pad
            self.heights = [p.wrap(self.text_width - 2 * pad, 1000)[1] + 2 * pad + band
                            for p in self.rows]
        else:
            self.heights = [max(26.0 * scale, p.wrap(self.text_width - 2 * pad, 1000)[1] + 2 * pad)
                            for p in self.rows]
        self.height = self.title_height + self.head_height + sum(self.heights)
        return available_width, self.height

    def _part(self, start: int, stop: int, title: str | None) -> Flowable:
        return RatingScale(self.statements[start:stop], self.values, self.labels, self.name,
                           self.styles, self.first + start, title)

    def draw(self) -> None:
        canvas, styles, pad = self.canv, self.styles, 5
        self._draw_title()
        top = self.height - self.title_height
        canvas.saveState()
        canvas.setFillColor(styles.colour("fill"))
        canvas.rect(0, top - self.head_height, self.width, self.head_height, stroke=0, fill=1)
        if self.legend is not None:
            self.legend.drawOn(canvas, pad, top - pad - self.legend.height)
        points_top = top - self.head_height + self.points_head
        for index, paragraph in enumerate(self.head):
            x = self._x((0 if self.stacked else self.text_width) + index * self.column, self.column)
            paragraph.drawOn(canvas, x + 2, points_top - pad - paragraph.height)
        y = top - self.head_height
        canvas.setStrokeColor(styles.colour("rule"))
        canvas.setLineWidth(0.6)
        for index, (paragraph, height) in enumerate(zip(self.rows, self.heights, strict=False)):
            text_x = self._x(0, self.width if self.stacked else self.text_width)
            paragraph.drawOn(canvas, text_x + pad, y - pad - paragraph.height)
            if self.stacked:
                centre_y = y - height + pad + self.radius
                left = 0.0
            else:
                centre_y = y - height / 2
                left = self.text_width
            self._draw_points(index, left, centre_y)
            canvas.setStrokeColor(styles.colour("rule"))
            canvas.line(0, y - height, self.width, y - height)
            y -= height
        canvas.setStrokeColor(styles.colour("primary"))
        canvas.setLineWidth(0.9)
        canvas.rect(0, 0, self.width, top, stroke=1, fill=0)
        canvas.restoreState()

    def _x(self, x: float, width: float) -> float:
        """Where something ``width`` wide at ``x`` goes: mirrored in a right-to-left edition."""
        return self.width - x - width if self.styles.rtl else x

    def _draw_points(self, index: int, left: float, centre_y: float) -> None:
        """One statement's circles, a radio group named after the statement's number."""
        canvas, styles, radius = self.canv, self.styles, self.radius
        group = f"{self.name}.s{self.first + index}"
        for point, value in enumerate(self.values):
            centre_x = self._x(left + (point + 0.5) * self.column, 0)  # point 1 first: right
            canvas.setStrokeColor(styles.colour("primary"))
            canvas.circle(centre_x, centre_y, radius, stroke=1, fill=0)
            if not with_fields(canvas):
                continue
            canvas.acroForm.radio(
                name=group, value=str(value), selected=False, relative=True,
                x=centre_x - radius, y=centre_y - radius, size=2 * radius,
                buttonStyle="circle", shape="circle", borderWidth=0, fillColor=_CLEAR,
                borderColor=None, textColor=styles.colour("primary"),
                tooltip=f"{plain(self.statements[index])[:80]}: {value}",
                fieldFlags="noToggleToOff radio",
            )
