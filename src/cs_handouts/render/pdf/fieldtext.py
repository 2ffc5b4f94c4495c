"""Paragraphs whose ``{{ blank }}`` lines are also form fields, so a blank can be typed in."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from cs_handouts.render.pdf.flowables import _textfield
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import Paragraph
from cs_handouts.text.inline import blank_count
from cs_handouts.text.markup import BLANK_CALLBACK, paragraphs, to_reportlab


class FieldParagraph(Paragraph):
    """A paragraph of marked-up text whose blanks carry text fields named ``<field>.blankN``."""

    def __init__(self, text: str, style: ParagraphStyle, styles: Styles, field: str,
                 first: int = 1, **options: Any) -> None:
        super().__init__(to_reportlab(text, field, first), style, **options)
        self.styles = styles
        self.field_args = (text, style, styles, field, first, options)

    def draw(self) -> None:
        # ReportLab calls a named canvas callback where each <onDraw> sits in the line.
        self.canv.setNamedCB(BLANK_CALLBACK, self._blank)
        super().draw()

    def _blank(self, canvas: Any, kind: str, label: str | None) -> None:
        if not label:
            return
        name, _, count = label.rpartition("|")
        info = canvas._curr_tx_info
        text = info["tx"]
        size = float(text._fontsize or self.style.fontSize)
        width = stringWidth("_" * int(count), text._fontname or self.style.fontName, size)
        # cur_y is the baseline in the paragraph's own space; the field sits on the line.
        self.blank_at(name, info["cur_x"], info["cur_y"], width, size)

    def blank_at(self, label: str, x: float, y: float, width: float, size: float) -> None:
        """The field over a blank's line drawn at ``x`` on the baseline ``y``."""
        _textfield(self, label, label.rsplit(".", 1)[-1], x, y - 2, width, size + 3,
                   multiline=False)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(available_width, available_height)
        # The halves of a split keep drawing fields: each becomes a FieldParagraph too.
        for part in parts:
            if isinstance(part, Paragraph) and not isinstance(part, FieldParagraph):
                part.__class__ = FieldParagraph
                part.styles = self.styles
        return parts


def field_paragraphs(text: str, style: ParagraphStyle, styles: Styles,
                     field: str | None) -> list[Flowable]:
    """One paragraph per blank-line-separated paragraph; blanks are fields when ``field`` is given.

    Blanks are numbered through the whole text, so ``field.blank3`` may sit in its second paragraph.
    """
    flowables: list[Flowable] = []
    first = 1
    for part in paragraphs(text):
        if field is None or not blank_count(part):
            flowables.append(Paragraph(to_reportlab(part), style))
        else:
            flowables.append(FieldParagraph(part, style, styles, field, first))
        first += blank_count(part)
    return flowables
