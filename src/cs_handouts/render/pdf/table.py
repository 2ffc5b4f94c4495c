"""A table of content: text cells, writing cells with form fields, and empty cells.

It splits only between rows and repeats its heading row; a row is never cut, and the
title stays with the first rows. Guides and handouts both draw tables with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from cs_handouts.content.media import Cell, Table, cell_kind
from cs_handouts.render.pdf.fieldtext import FieldParagraph
from cs_handouts.render.pdf.flowables import _textfield, _Titled, column_lefts
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import Paragraph
from cs_handouts.text.inline import blank_count
from cs_handouts.text.markup import plain, to_reportlab

PAD = 5


class TableFlowable(_Titled):
    """The table's grid; with ``name``, writing cells and blanks carry form fields.

    Fields are named ``<name>.r<row>c<column>`` (a writing cell) and
    ``<name>.r<row>c<column>.blank<N>`` (a blank inside a text cell), counting from 1.
    """

    min_rest = 1

    def __init__(self, table: Table, styles: Styles, name: str | None = None,
                 rows: Sequence[Sequence[Cell]] | None = None, first_row: int = 1,
                 title: str | None = None, show_title: bool = True) -> None:
        super().__init__(table.title if show_title and title is None else title, styles)
        self.table, self.name, self.first_row = table, name, first_row
        self.rows = [list(row) for row in (rows if rows is not None else table.all_rows())]
        self.has_head = any(column for column in table.columns)

    def _paragraph(self, text: str, row: int, column: int) -> Paragraph:
        style = self.styles.cell
        if self.name is not None and blank_count(text):
            return FieldParagraph(text, style, self.styles, f"{self.name}.r{row}c{column}")
        return Paragraph(to_reportlab(text), style)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.widths = [share * available_width for share in self.table.relative_widths()]
        self.title_height = self._wrap_title(available_width)
        self.head = [Paragraph(to_reportlab(c), self.styles.cell_head) for c in self.table.columns]
        self.head_height = 0.0
        if self.has_head:
            self.head_height = max(p.wrap(w - 2 * PAD, 10_000)[1]
                                   for p, w in zip(self.head, self.widths, strict=True)) + 2 * PAD
        self.cells: list[list[Paragraph | None]] = []
        self.heights = []
        writing_row = self.styles.theme.chart_row_height
        for index, row in enumerate(self.rows):
            number = self.first_row + index
            cells: list[Paragraph | None] = []
            height = 0.0
            for column, (cell, width) in enumerate(zip(row, self.widths, strict=True), start=1):
                if cell_kind(cell) == "text":
                    paragraph = self._paragraph(str(cell), number, column)
                    height = max(height, paragraph.wrap(width - 2 * PAD, 10_000)[1] + 2 * PAD)
                    cells.append(paragraph)
                else:
                    if cell_kind(cell) == "write":
                        height = max(height, writing_row)
                    cells.append(None)
            self.cells.append(cells)
            self.heights.append(max(height, 2 * PAD + self.styles.cell.leading))
        self.height = self.title_height + self.head_height + sum(self.heights)
        return available_width, self.height

    def _part(self, start: int, stop: int, title: str | None) -> Flowable:
        return TableFlowable(self.table, self.styles, self.name, self.rows[start:stop],
                             self.first_row + start, title, show_title=title is not None)

    def draw(self) -> None:
        canvas, styles = self.canv, self.styles
        self._draw_title()
        top = self.height - self.title_height
        canvas.saveState()
        if self.has_head:
            canvas.setFillColor(styles.head_fill())
            canvas.rect(0, top - self.head_height, self.width, self.head_height, stroke=0, fill=1)
            for paragraph, x in zip(self.head, column_lefts(self.widths, self.width, styles.rtl),
                                    strict=True):
                paragraph.drawOn(canvas, x + PAD, top - PAD - paragraph.height)
            # A rule under the heading row keeps it apart where the fill is dropped (grayscale).
            canvas.setStrokeColor(styles.colour("primary"))
            canvas.setLineWidth(0.9)
            canvas.line(0, top - self.head_height, self.width, top - self.head_height)
        y = top - self.head_height
        for index, (row, cells, height) in enumerate(zip(self.rows, self.cells, self.heights,
                                                         strict=True)):
            self._draw_row(self.first_row + index, row, cells, y, height)
            y -= height
        canvas.setStrokeColor(styles.colour("rule"))
        canvas.setLineWidth(0.6)
        x = 0.0
        for width in self.widths[:-1]:  # the column rules: mirrored right to left
            x += width
            canvas.line(self.width - x if styles.rtl else x, 0, self.width - x if styles.rtl else x,
                        top)
        canvas.setStrokeColor(styles.colour("primary"))
        canvas.setLineWidth(0.9)
        canvas.rect(0, 0, self.width, top, stroke=1, fill=0)
        canvas.restoreState()

    def _draw_row(self, number: int, row: list[Cell], cells: list[Paragraph | None], y: float,
                  height: float) -> None:
        canvas, styles = self.canv, self.styles
        lefts = column_lefts(self.widths, self.width, styles.rtl)
        for column, (cell, paragraph, width, x) in enumerate(zip(row, cells, self.widths, lefts,
                                                                 strict=True), start=1):
            kind = cell_kind(cell)
            if kind == "empty":
                canvas.setFillColor(styles.colour("fill"))
                canvas.rect(x, y - height, width, height, stroke=0, fill=1)
            elif paragraph is not None:
                paragraph.drawOn(canvas, x + PAD, y - PAD - paragraph.height)
            elif self.name is not None:
                heading = plain(self.table.columns[column - 1]) or f"Column {column}"
                _textfield(self, f"{self.name}.r{number}c{column}", f"{heading}, row {number}",
                           x + 2, y - height + 2, width - 4, height - 4, multiline=height > 24)
        canvas.setStrokeColor(styles.colour("rule"))
        canvas.setLineWidth(0.6)
        canvas.line(0, y - height, self.width, y - height)
