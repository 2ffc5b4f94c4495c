"""Writing areas: drawn on the page for a pen, and carrying AcroForm fields for a laptop.

Every flowable here that offers a place to write also adds a named form field
over that place, so the same PDF serves a printed and a virtual session.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextvars import ContextVar

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import LayoutError

from cs_handouts.content.theme import LARGE_PRINT_BODY
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import Paragraph, string_width
from cs_handouts.text.markup import plain, slug, to_reportlab
from cs_handouts.text.typography import keep_last_words

_CLEAR = Color(1, 1, 1, alpha=0)
WIDE_CHART_ROW = 40.0  # points: the least row height of a chart of three or four columns
_FIELD = {"borderWidth": 0, "fillColor": _CLEAR, "borderColor": None, "fontSize": 10}


def with_fields(canvas: Canvas) -> bool:
    """Whether this PDF carries form fields: a print set's copies do not (see PageLayout)."""
    return bool(getattr(canvas, "handouts_fields", True))


def _textfield(flowable: Flowable, name: str, tooltip: str, x: float, y: float, width: float,
               height: float, multiline: bool) -> None:
    if not with_fields(flowable.canv):
        return
    # Typed-in text grows with the theme, so a large-print copy is large print on screen too.
    scale = flowable.styles.theme.scale
    flowable.canv.acroForm.textfield(
        name=name, tooltip=tooltip, x=x, y=y, width=width, height=height, relative=True,
        fieldFlags="multiline doNotSpellCheck" if multiline else "doNotSpellCheck",
        maxlen=2000 if multiline else 200, **{**_FIELD, "fontSize": round(10 * scale, 1)},
    )


# Lines to add to a question's answer, by field name: a page's spare room, shared out
# (render/pdf/fitting.py sets it while it lays a part out again).
EXTRA_LINES: ContextVar[Mapping[str, int] | None] = ContextVar("extra_lines", default=None)
# Points to add to each row of a chart, by its name: the same sharing, for charts.
EXTRA_ROW_HEIGHT: ContextVar[Mapping[str, float] | None] = ContextVar("extra_row_height",
                                                                     default=None)


class AnswerLines(Flowable):
    """Ruled lines for a written answer, with one multi-line field over them."""

    def __init__(self, count: int, name: str, tooltip: str, styles: Styles,
                 indent: float = 0) -> None:
        super().__init__()
        count += (EXTRA_LINES.get() or {}).get(name, 0)
        self.count, self.name, self.tooltip = count, name, tooltip
        self.styles, self.indent = styles, indent
        self.gap = styles.theme.line_spacing

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.gap + 4

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fits = int((available_height - 4) // self.gap)
        if fits < 1 or fits >= self.count:
            return []
        return [AnswerLines(fits, f"{self.name}-a", self.tooltip, self.styles, self.indent),
                AnswerLines(self.count - fits, f"{self.name}-b", self.tooltip, self.styles,
                            self.indent)]

    def landed(self, canvas: Canvas) -> None:
        """Note the page it landed on, so that spare room on its page can be shared out."""
        pages = getattr(canvas, "handouts_answer_pages", None)
        if pages is not None:
            pages[self.name] = canvas.getPageNumber()

    def draw(self) -> None:
        canvas = self.canv
        self.landed(canvas)
        canvas.saveState()
        canvas.setStrokeColor(self.styles.colour("rule"))
        canvas.setLineWidth(0.6)
        # The indent is on the side the text starts: the right in a right-to-left edition.
        left, right = (0.0, self.width - self.indent) if self.styles.rtl else (self.indent,
                                                                                self.width)
        for index in range(1, self.count + 1):
            y = self.count * self.gap + 4 - index * self.gap
            canvas.line(left, y, right, y)
        canvas.restoreState()
        _textfield(self, self.name, self.tooltip, left, 2, right - left, self.count * self.gap,
                   multiline=self.count > 1)


class FieldRow(Flowable):
    """'Name ____  School or department ____  Date ____' across the page.

    Fields that cannot each keep a long enough line share the page's width in more than
    one row (large print: name and school 2.5 in, the date 1.5 in).
    """

    def __init__(self, labels: Sequence[str], prefix: str, styles: Styles) -> None:
        super().__init__()
        self.labels, self.prefix, self.styles = list(labels), prefix, styles
        self.row_height = styles.theme.sizes.body * 2.6

    GUTTER = 14
    MIN_LINE = 54  # points of writing line a field keeps beside its label

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.rows = self._rows(available_width)
        self.height = self.row_height * len(self.rows)
        return available_width, self.height

    def _label_width(self, label: str) -> float:
        width = string_width(label, self.styles.bold, self.styles.theme.sizes.small, self.styles.stack)
        return width + 4

    def _min_line(self, label: str) -> float:
        if self.styles.theme.sizes.body < LARGE_PRINT_BODY:
            return self.MIN_LINE
        return 108.0 if _is_date(label) else 180.0

    def _rows(self, width: float) -> list[list[tuple[str, float]]]:
        """The fields row by row, each with its cell width: as many to a row as keep their lines."""
        rows: list[list[str]] = [[]]
        for label in self.labels:
            if rows[-1] and self._cells(rows[-1] + [label], width) is None:
                rows.append([])
            rows[-1].append(label)
        result = []
        for row in rows:
            cells = self._cells(row, width)
            if cells is None:
                need = self._label_width(row[0]) + self._min_line(row[0])
                raise LayoutError(f"field labels need {need:.0f} points of {width:.0f}")
            result.append(list(zip(row, cells, strict=True)))
        return result

    def _cells(self, labels: list[str], width: float) -> list[float] | None:
        """Each field's width: by weight (a date gets half), but never less than its label
        and a writing line; None if the labels cannot share the line."""
        weights = [1.0 if _is_date(label) else 2.0 for label in labels]
        room = width - self.GUTTER * (len(labels) - 1)
        cells = [room * weight / sum(weights) for weight in weights]
        needed = [self._label_width(label) + self._min_line(label) for label in labels]
        if all(cell >= need for cell, need in zip(cells, needed, strict=True)):
            return cells
        spare = room - sum(needed)
        if spare < 0:
            return None
        return [need + spare * weight / sum(weights)
                for need, weight in zip(needed, weights, strict=True)]

    def draw(self) -> None:
        canvas, styles = self.canv, self.styles
        size = styles.theme.sizes.small
        for index, row in enumerate(self.rows):
            x, y = 0.0, (len(self.rows) - 1 - index) * self.row_height
            for label, cell in row:
                label_width = self._label_width(label)
                # Right to left: the first field at the right, each label right of its line.
                left = self.width - x - cell if styles.rtl else x
                line = left if styles.rtl else left + label_width
                canvas.setFont(styles.bold, size)
                canvas.setFillColor(styles.colour("muted"))
                if styles.rtl:
                    canvas.drawRightString(left + cell, y + 4, label)
                else:
                    canvas.drawString(left, y + 4, label)
                canvas.setStrokeColor(styles.colour("text"))
                canvas.setLineWidth(0.6)
                canvas.line(line, y + 2, line + cell - label_width, y + 2)
                name = f"{self.prefix}.{slug(label)}"
                _textfield(self, name, label, line, y + 3, cell - label_width,
                           16 * styles.theme.scale, multiline=False)
                x += cell + self.GUTTER


def _is_date(label: str) -> bool:
    return "date" in label.lower()


class _Titled(Flowable):
    """A table-like flowable whose optional title is drawn with its first rows, never alone."""

    min_rest = 1  # rows a split may leave for the next page; fewer moves the whole grid
    heights: list[float]
    title_height: float
    head_height: float

    def __init__(self, title: str | None, styles: Styles) -> None:
        super().__init__()
        self.title, self.styles = title, styles
        if title:
            self.outline = (plain(title), 1)  # a bookmark, as for any heading

    def _part(self, start: int, stop: int, title: str | None) -> Flowable:
        raise NotImplementedError

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """Split between rows: the title and heading row go first, the heading row repeats."""
        self.wrap(available_width, available_height)
        room = available_height - self.title_height - self.head_height
        fits = _rows_that_fit(self.heights, room)
        rows = len(self.heights)
        if rows - fits < self.min_rest:
            fits = rows - self.min_rest  # leave enough behind: the last rows go on together
        if fits < 2:
            return []
        return [self._part(0, fits, self.title), self._part(fits, rows, None)]

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab's name
        return float(self.styles.subheading.spaceBefore) if self.title else 0.0

    def _wrap_title(self, width: float) -> float:
        self.title_paragraph = None
        if not self.title:
            return 0.0
        self.title_paragraph = Paragraph(_markup(keep_last_words(self.title)),
                                         self.styles.subheading)
        height: float = self.title_paragraph.wrap(width, 10_000)[1]
        return height + float(self.styles.subheading.spaceAfter)

    def _draw_title(self) -> None:
        if self.title_paragraph is not None:
            self.title_paragraph.drawOn(self.canv, 0, self.height - self.title_paragraph.height)


class Chart(_Titled):
    """A grid with a heading row; blank rows (or labelled ones) to fill in, a field per cell.

    A chart too long for the space left splits between rows and repeats its heading row;
    its title stays with the first part.
    """

    min_rest = 2  # never leave a lone row behind

    def __init__(self, columns: Sequence[str], row_labels: Sequence[str | None], name: str,
                 styles: Styles, row_height: float = 0, first_row: int = 1,
                 title: str | None = None, weights: Sequence[float] | None = None) -> None:
        super().__init__(title, styles)
        self.columns, self.row_labels = list(columns), list(row_labels)
        self.weights = list(weights) if weights else None
        self.name, self.first_row = name, first_row
        self.min_row = row_height or styles.theme.chart_row_height
        self.labelled = any(label is not None for label in self.row_labels)
        # A whole chart (not the part of one split over two pages) may grow into spare room.
        self.whole = first_row == 1
        self.extra = (EXTRA_ROW_HEIGHT.get() or {}).get(name, 0.0) if self.whole else 0.0

    def _widths(self, width: float) -> list[float]:
        if self.weights:
            return [width * weight / sum(self.weights) for weight in self.weights]
        count = len(self.columns)
        if count == 1:
            return [width]
        # Row labels are read, not written in: give them more room than a blank first column.
        first = width * (0.3 if count == 2 or self.labelled else 0.24)
        rest = (width - first) / (count - 1)
        return [first] + [rest] * (count - 1)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.widths = self._widths(available_width)
        self.title_height = self._wrap_title(available_width)
        pad = 5
        self.head = [Paragraph(_markup(c), self.styles.cell_head) for c in self.columns]
        heights = [p.wrap(w - 2 * pad, 1000)[1] for p, w in zip(self.head, self.widths, strict=True)]
        self.head_height = max(heights) + 2 * pad
        self.labels = [Paragraph(_markup(label), self.styles.cell) if label else None
                       for label in self.row_labels]
        # Rows of one height read as a grid to fill in; three or four columns need 40 pt to write.
        height = self.min_row
        if 3 <= len(self.columns) <= 4:
            height = max(height, WIDE_CHART_ROW * self.styles.theme.scale)
        for label in self.labels:
            if label is not None:
                height = max(height, label.wrap(self.widths[0] - 2 * pad, 1000)[1] + 2 * pad)
        self.heights = [height + self.extra] * len(self.labels)
        self.height = self.title_height + self.head_height + sum(self.heights)
        return available_width, self.height

    def _part(self, start: int, stop: int, title: str | None) -> Flowable:
        # Both parts keep the whole chart's row height.
        part = Chart(self.columns, self.row_labels[start:stop], self.name, self.styles,
                     self.heights[0] if self.heights else self.min_row, self.first_row + start,
                     title, self.weights)
        part.whole, part.extra = False, 0.0
        return part

    def landed(self, canvas: Canvas) -> None:
        """Note the page it landed on and its rows, to share out the spare room there."""
        pages = getattr(canvas, "handouts_chart_pages", None)
        if pages is not None and self.whole:
            pages[self.name] = (canvas.getPageNumber(), len(self.labels))

    def draw(self) -> None:
        canvas, styles = self.canv, self.styles
        self.landed(canvas)
        pad = 5
        self._draw_title()
        top = self.height - self.title_height
        body = top - self.head_height
        canvas.saveState()
        # Every fill first, every rule after: a fill painted later would hide the rule under it.
        canvas.setFillColor(styles.head_fill())
        canvas.rect(0, body, self.width, self.head_height, stroke=0, fill=1)
        lefts = column_lefts(self.widths, self.width, styles.rtl)
        y = body
        for index, (label, height) in enumerate(zip(self.labels, self.heights, strict=False)):
            if label is not None:
                canvas.setFillColor(styles.colour("fill"))
                canvas.rect(lefts[0], y - height, self.widths[0], height, stroke=0, fill=1)
            elif not self.labelled and index % 2:
                canvas.setFillColor(styles.colour("script"))
                canvas.rect(0, y - height, self.width, height, stroke=0, fill=1)
            y -= height
        for paragraph, x in zip(self.head, lefts, strict=False):
            paragraph.drawOn(canvas, x + pad, top - pad - paragraph.height)
        y = body
        canvas.setStrokeColor(styles.colour("rule"))
        canvas.setLineWidth(0.6)
        for index, (label, height) in enumerate(zip(self.labels, self.heights, strict=False)):
            row = self.first_row + index
            for column, (x, width) in enumerate(zip(lefts, self.widths, strict=True)):
                if column == 0 and label is not None:
                    label.drawOn(canvas, x + pad, y - pad - label.height)
                else:
                    name = f"{self.name}.r{row}c{column + 1}"
                    heading = plain(self.columns[column]) or f"Column {column + 1}"
                    tooltip = f"{heading}, row {row}"
                    _textfield(self, name, tooltip, x + 2, y - height + 2, width - 4,
                               height - 4, multiline=height > 24)
            canvas.line(0, y - height, self.width, y - height)
            y -= height
        # A rule where each column after the first starts (its right edge, right to left).
        for x, width in zip(lefts[1:], self.widths[1:], strict=True):
            edge = x + width if styles.rtl else x
            canvas.line(edge, 0, edge, body)
        # A rule under the heading row keeps it apart where the fill is dropped (grayscale).
        canvas.setStrokeColor(styles.colour("primary"))
        canvas.setLineWidth(0.9)
        canvas.line(0, body, self.width, body)
        canvas.rect(0, 0, self.width, top, stroke=1, fill=0)
        canvas.restoreState()


class NotesArea(Flowable):
    """The rest of the page as ruled lines under a heading; nothing if little room is left."""

    def __init__(self, title: str, styles: Styles) -> None:
        super().__init__()
        self.title, self.styles = title, styles
        self.gap = styles.theme.line_spacing

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        room = available_height - self.styles.theme.spacing.section
        self.lines = int((room - self.styles.theme.sizes.subheading * 2) // self.gap)
        self.height = room if self.lines >= 3 else 0.0
        return available_width, self.height

    def draw(self) -> None:
        if not self.height:
            return
        canvas, styles = self.canv, self.styles
        size = styles.theme.sizes.subheading
        top = self.height
        canvas.saveState()
        canvas.setFont(styles.bold, size)
        canvas.setFillColor(styles.colour("primary"))
        if styles.rtl:
            canvas.drawRightString(self.width, top - size, self.title)
        else:
            canvas.drawString(0, top - size, self.title)
        canvas.setStrokeColor(styles.colour("rule"))
        canvas.setLineWidth(0.6)
        for index in range(1, self.lines + 1):
            y = top - size * 2 - index * self.gap + self.gap * 0.4
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


class CheckItem(Flowable):
    """A box to tick beside a line of text, with a checkbox field."""

    def __init__(self, text: str, name: str, styles: Styles, markup: bool = False) -> None:
        super().__init__()
        self.text, self.name, self.styles = text, name, styles
        self.box = round(11 * styles.theme.scale, 1)
        # markup=True: ``text`` is ReportLab markup already (the guide adds its own marks).
        self.paragraph = Paragraph(text if markup else _markup(text), styles.cell)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        _, height = self.paragraph.wrap(available_width - self.box - 10, available_height)
        self.height = max(height, self.box + 2) + 5
        return available_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        top = self.height - 5
        box_y = top - self.box - 1.5
        box_x = self.width - self.box if self.styles.rtl else 0  # the box before the text
        canvas.saveState()
        canvas.setStrokeColor(self.styles.colour("primary"))
        canvas.setLineWidth(0.9)
        canvas.rect(box_x, box_y, self.box, self.box, stroke=1, fill=0)
        canvas.restoreState()
        text_x = 0 if self.styles.rtl else self.box + 10
        self.paragraph.drawOn(canvas, text_x, top - self.paragraph.height)
        if not with_fields(canvas):
            return
        canvas.acroForm.checkbox(name=self.name, tooltip=self.paragraph.getPlainText()[:120],
                                 x=box_x, y=box_y,
                                 size=self.box, relative=True, buttonStyle="check",
                                 borderWidth=0, fillColor=_CLEAR, borderColor=None,
                                 textColor=self.styles.colour("primary"), fieldFlags="")


def column_lefts(widths: Sequence[float], total: float, rtl: bool) -> list[float]:
    """Where each column starts: from the left, or in a right-to-left edition from the right."""
    lefts, x = [], 0.0
    for width in widths:
        lefts.append(total - x - width if rtl else x)
        x += width
    return lefts


def _rows_that_fit(heights: Sequence[float], room: float) -> int:
    """How many of the leading rows fit, one after another, in ``room`` points."""
    fits = 0
    while fits < len(heights) and room >= heights[fits]:
        room -= heights[fits]
        fits += 1
    return fits


def _fitting_style(style: ParagraphStyle, labels: Sequence[str], width: float) -> ParagraphStyle:
    """``style``, made smaller if need be so that no word of ``labels`` is cut in ``width``."""
    words = [word for label in labels for word in plain(label).split()]
    widest = max((stringWidth(word, style.fontName, style.fontSize) for word in words), default=0)
    room = width - 2  # a word exactly as wide as the column still breaks in ReportLab
    if widest <= room:
        return style
    size = max(5.0, style.fontSize * room / widest)
    return ParagraphStyle(f"{style.name}-fit", parent=style, fontSize=size, leading=size * 1.25)


def _markup(text: str) -> str:
    return to_reportlab(text)
