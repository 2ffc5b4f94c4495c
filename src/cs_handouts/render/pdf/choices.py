"""A choice question's options: one radio group (one of) or a checkbox each (any of).

Options that fit share one line (Yes  No); otherwise they stand in columns, or one
per line. "Other:" always takes a line of its own, with a writing line and a text
field. In the facilitator's copy the right options are ticked, printed bold and
selected in the form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from cs_handouts.render.pdf.flowables import with_fields
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import Paragraph
from cs_handouts.text.markup import plain, slug, to_reportlab

_CLEAR = Color(1, 1, 1, alpha=0)
OTHER = "other"


def option_value(option: str, index: int) -> str:
    """The form value of an option, the same in the PDF and the web page: 'E-mail' -> 'e-mail'."""
    return slug(plain(option)) or f"option{index}"


@dataclass(frozen=True)
class ChoiceSpec:
    """What a choice question offers: its options, one or many, an "Other", the answers."""

    name: str  # the question's field name: the radio group, or the prefix of its checkboxes
    question: str  # for tooltips
    options: Sequence[str]
    many: bool
    other_label: str | None  # "Other:" when the question has other: true
    answers: Sequence[str] = ()  # marked (facilitator's copy only)


class Choices(Flowable):
    """The options of one choice question, with their form fields."""

    GAP = 22.0  # between options on one line

    def __init__(self, spec: ChoiceSpec, styles: Styles, indent: float | None = None) -> None:
        super().__init__()
        # Under the question's text, which is indented by the theme's (scaled) indent.
        self.spec, self.styles = spec, styles
        self.indent = styles.theme.indent if indent is None else indent
        self.box = round(11 * styles.theme.scale, 1)
        self.values = [option_value(option, index)
                       for index, option in enumerate(spec.options, start=1)]

    def _paragraph(self, option: str) -> Paragraph:
        text = to_reportlab(option)
        if option in self.spec.answers:
            text = f"<b>{text}</b>"
        return Paragraph(text, self.styles.cell)

    def _text_width(self, option: str) -> float:
        font = self.styles.bold if option in self.spec.answers else self.styles.regular
        width: float = stringWidth(plain(option), font, self.styles.theme.sizes.body)
        return width + 2

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        room = available_width - self.indent
        widths = [self.box + 7 + self._text_width(option) for option in self.spec.options]
        self.columns = self._columns(widths, room)
        self.column_width = room / self.columns if self.columns > 1 else room
        if sum(widths) + self.GAP * (len(widths) - 1) <= room:
            # All on one line, each as wide as it needs.
            self.columns = len(widths)
            self.column_width = 0
            self.cell_widths = widths
        self.paragraphs = [self._paragraph(option) for option in self.spec.options]
        text_room = (self.column_width or room) - self.box - 7
        heights = [p.wrap(text_room, available_height)[1] for p in self.paragraphs]
        line = max(self.box + 2, self.styles.cell.leading)
        self.rows: list[float] = []
        for start in range(0, len(heights), self.columns):
            self.rows.append(max(line, *heights[start:start + self.columns]) + 6)
        self.other_height = (line + 10) if self.spec.other_label else 0
        self.height = sum(self.rows) + self.other_height
        return available_width, self.height

    def _columns(self, widths: Sequence[float], room: float) -> int:
        """The most columns (up to 3) in which every option fits on one line."""
        for columns in (3, 2):
            if len(widths) > columns and max(widths) + self.GAP <= room / columns:
                return columns
        return 1

    def draw(self) -> None:
        spec = self.spec
        y = self.height
        for row, row_height in enumerate(self.rows):
            x = self.indent
            for column in range(self.columns):
                index = row * self.columns + column
                if index >= len(spec.options):
                    break
                cell = self.column_width or self.cell_widths[index]
                # Right to left: the first option at the right, each box right of its text.
                self._draw_option(index, self.width - x - cell if self.styles.rtl else x, y, cell)
                x += self.column_width or (self.cell_widths[index] + self.GAP)
            y -= row_height
        if spec.other_label:
            self._draw_other(y)

    def _box_at(self, x: float, top: float) -> tuple[float, float]:
        """The lower-left corner of an option's box whose text line starts at ``top``."""
        leading = self.styles.cell.leading
        return x, top - 3 - leading / 2 - self.box / 2

    def _draw_option(self, index: int, x: float, top: float, cell: float) -> None:
        canvas, spec = self.canv, self.spec
        option = spec.options[index]
        rtl = self.styles.rtl
        box_x, box_y = self._box_at(x + cell - self.box if rtl else x, top)
        self._draw_box(box_x, box_y, marked=option in spec.answers)
        paragraph = self.paragraphs[index]
        text_x = box_x - 7 - paragraph.width if rtl else x + self.box + 7
        paragraph.drawOn(canvas, text_x, top - 3 - paragraph.height)
        self._field(self.values[index], option, box_x, box_y, option in spec.answers)

    def _draw_other(self, top: float) -> None:
        canvas, styles, spec = self.canv, self.styles, self.spec
        assert spec.other_label is not None
        rtl = styles.rtl
        box_x, box_y = self._box_at(self.width - self.indent - self.box if rtl else self.indent,
                                    top)
        self._draw_box(box_x, box_y, marked=False)
        self._field(OTHER, spec.other_label, box_x, box_y, False)
        baseline = box_y + 1.5
        canvas.saveState()
        canvas.setFont(styles.regular, styles.theme.sizes.body)
        canvas.setFillColor(styles.colour("text"))
        label = plain(spec.other_label)
        label_width = canvas.stringWidth(label, styles.regular, styles.theme.sizes.body)
        if rtl:  # "Other:" right of its box's left, the writing line to the left of it
            canvas.drawRightString(box_x - 7, baseline, label)
            start, end = 0.0, box_x - 7 - label_width - 6
        else:
            label_x = box_x + self.box + 7
            canvas.drawString(label_x, baseline, label)
            start, end = label_x + label_width + 6, self.width
        canvas.setStrokeColor(styles.colour("rule"))
        canvas.setLineWidth(0.6)
        canvas.line(start, baseline - 2, end, baseline - 2)
        canvas.restoreState()
        scale = styles.theme.scale
        if not with_fields(canvas):
            return
        canvas.acroForm.textfield(
            name=f"{spec.name}.other-text", tooltip=f"{plain(spec.question)[:80]}: other",
            x=start, y=baseline - 1, width=end - start, height=14 * scale, relative=True,
            fieldFlags="doNotSpellCheck", maxlen=200, borderWidth=0, fillColor=_CLEAR,
            borderColor=None, fontSize=round(10 * scale, 1))

    def _draw_box(self, x: float, y: float, marked: bool) -> None:
        canvas, styles = self.canv, self.styles
        canvas.saveState()
        canvas.setStrokeColor(styles.colour("primary"))
        canvas.setFillColor(styles.colour("primary"))
        canvas.setLineWidth(0.9)
        if self.spec.many:
            canvas.rect(x, y, self.box, self.box, stroke=1, fill=0)
            if marked:
                canvas.setLineWidth(1.6)
                canvas.line(x + 2.2, y + self.box * 0.5, x + self.box * 0.42, y + 2.2)
                canvas.line(x + self.box * 0.42, y + 2.2, x + self.box - 2, y + self.box - 2)
        else:
            radius = self.box / 2
            canvas.circle(x + radius, y + radius, radius, stroke=1, fill=0)
            if marked:
                canvas.circle(x + radius, y + radius, radius * 0.5, stroke=0, fill=1)
        canvas.restoreState()

    def _field(self, value: str, option: str, x: float, y: float, selected: bool) -> None:
        if not with_fields(self.canv):
            return
        spec, form = self.spec, self.canv.acroForm
        tooltip = f"{plain(spec.question)[:80]}: {plain(option)[:40]}"
        common = {"x": x, "y": y, "size": self.box, "relative": True, "borderWidth": 0,
                  "fillColor": _CLEAR, "borderColor": None,
                  "textColor": self.styles.colour("primary"), "tooltip": tooltip}
        if spec.many:
            form.checkbox(name=f"{spec.name}.{value}", buttonStyle="check", checked=selected,
                          fieldFlags="", **common)
        else:
            form.radio(name=spec.name, value=value, selected=selected, buttonStyle="circle",
                       shape="circle", fieldFlags="noToggleToOff radio", **common)
