"""A handout's story: title, name fields, instructions, then one set of flowables per block."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Indenter,
    KeepTogether,
    PageBreak,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from cs_handouts.content.media import Image, Table
from cs_handouts.content.model import (
    Block,
    BulletList,
    Checklist,
    Handout,
    HeadingBlock,
    Lines,
    Question,
    Scale,
    Tip,
)
from cs_handouts.content.model import Chart as ChartModel
from cs_handouts.render.pdf.choices import Choices, ChoiceSpec
from cs_handouts.render.pdf.fieldtext import FieldParagraph, field_paragraphs
from cs_handouts.render.pdf.flowables import AnswerLines, Chart, CheckItem, FieldRow
from cs_handouts.render.pdf.image import ImageFlowable
from cs_handouts.render.pdf.lists import bullet_list
from cs_handouts.render.pdf.origin import TOO_TALL, KeepOnOnePage, Origin, tag
from cs_handouts.render.pdf.parts import callout, heading, paragraphs_of
from cs_handouts.render.pdf.scales import RatingScale
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.table import TableFlowable
from cs_handouts.render.pdf.text import Paragraph
from cs_handouts.render.templates import Labels
from cs_handouts.text.markup import plain, to_reportlab


@dataclass(frozen=True)
class HandoutOptions:
    """Who the copy is for: the facilitator's copy shows notes and answers.

    ``labels`` words what the handout prints around the content ("Other:").
    """

    facilitator: bool = False
    labels: Labels | None = None


def handout_story(handout: Handout, handout_id: str, styles: Styles,
                  options: HandoutOptions = HandoutOptions()) -> list[Flowable]:
    """Everything a handout prints, top to bottom, each flowable tagged with its origin."""

    def origin(*path: str | int, advice: str = TOO_TALL) -> Origin:
        return Origin(handout_id, path, advice)

    story: list[Flowable] = tag([heading(handout.title, styles.title, level=0)], origin("title"))
    if handout.subtitle:
        story += tag([Paragraph(to_reportlab(handout.subtitle), styles.subtitle)],
                     origin("subtitle"))
    if handout.fields:
        story += tag([Spacer(1, 4), FieldRow(handout.fields, f"{handout_id}.info", styles),
                      Spacer(1, styles.theme.spacing.section * 0.75)],
                     origin("fields", advice=_FIELDS_TOO_WIDE))
    if handout.instructions:
        story += tag([callout(paragraphs_of(handout.instructions, styles.body), styles,
                              fill="fill"),
                      Spacer(1, styles.theme.spacing.paragraph)],
                     origin("instructions", advice=_PARAGRAPH_TOO_TALL))
    if handout.for_facilitator:  # a sheet for the facilitator is a facilitator's copy
        options = HandoutOptions(True, options.labels)
    builder = _BlockBuilder(handout_id, styles, options)
    for index, block in enumerate(handout.blocks):
        builder.path = ("blocks", index, block.kind)
        story += tag(builder.build(block), origin(*builder.path,
                                                  advice=_ADVICE.get(block.kind, TOO_TALL)))
    return story


_FIELDS_TOO_WIDE = "a label is too long to leave room to write beside it; shorten it"
_PARAGRAPH_TOO_TALL = "a paragraph is too long to fit on one page; split it with a blank line"
_ADVICE = {
    "chart": "a heading or row label is too long for the chart to fit on one page; shorten it",
    "checklist": "an item is too long to fit on one page; shorten it",
    "scale": "a statement or label is too long to fit on one page; shorten it",
    "tips": "a tip is too long to fit on one page; shorten it",
    "table": "a row of the table is too long to fit on one page; shorten it",
    "text": _PARAGRAPH_TOO_TALL,
}
_QUESTION_TOO_TALL = ("the question and its answer lines do not fit on one page; shorten it or"
                      " give it fewer lines")


class _BlockBuilder:
    """Turns blocks into flowables, numbering questions and naming fields as it goes."""

    def __init__(self, handout_id: str, styles: Styles, options: HandoutOptions) -> None:
        self.handout_id, self.styles, self.options = handout_id, styles, options
        self.counts: Counter[str] = Counter()
        self.question_number = 0
        self.path: tuple[str | int, ...] = ()  # the block being built, for origins

    def name(self, kind: str) -> str:
        self.counts[kind] += 1
        return f"{self.handout_id}.{kind}{self.counts[kind]}"

    def build(self, block: Block) -> list[Flowable]:
        method = getattr(self, "build_" + block.kind.replace("-", "_"))
        result: list[Flowable] = method(block.value)
        return result

    def build_text(self, text: str) -> list[Flowable]:
        # Blanks in the text are fields named <handout>.text<N>.blank<M>, N counting text blocks.
        return field_paragraphs(text, self.styles.body, self.styles, self.name("text"))

    def build_chart(self, chart: ChartModel) -> list[Flowable]:
        labels: list[str | None] = list(chart.row_labels) or [None] * chart.rows
        grid = Chart(chart.columns, labels, self.name("chart"), self.styles,
                     row_height=chart.row_height * 72 if chart.row_height else 0,
                     title=chart.title, weights=chart.widths)
        # Start on a new page unless the title, heading row and a few rows fit here.
        room = CondPageBreak(self.styles.theme.chart_row_height * 5)
        return [room, grid, Spacer(1, self.styles.theme.spacing.section * 0.6)]

    def build_questions(self, questions: list[Question]) -> list[Flowable]:
        flowables: list[Flowable] = []
        for index, question in enumerate(questions):
            self.question_number += 1
            number = self.question_number
            name = f"{self.handout_id}.q{number}"
            # Blanks in the question are fields <handout>.q<N>.blank<M>.
            parts: list[Flowable] = [FieldParagraph(question.text, self.styles.question,
                                                    self.styles, name, bulletText=f"{number}.")]
            if self.options.facilitator:
                parts += facilitator_notes(question, self.styles)
            if question.options:
                answers = question.answers if self.options.facilitator else ()
                other = self.label("choice_other") if question.other else None
                parts.append(Choices(ChoiceSpec(name, question.text, question.options,
                                                question.select == "many", other, answers),
                                     self.styles))
                name += ".text"  # the question's own name is its choice
            if question.lines:
                parts.append(AnswerLines(question.lines, name,
                                         f"Answer to question {number}", self.styles,
                                         indent=self.styles.theme.indent))
            parts.append(Spacer(1, self.styles.theme.spacing.paragraph * 1.5))
            origin = Origin(self.handout_id, (*self.path, index), _QUESTION_TOO_TALL)
            flowables += tag([KeepOnOnePage(parts)], origin)
        return flowables

    def build_lines(self, lines: Lines) -> list[Flowable]:
        name = self.name("lines")
        parts: list[Flowable] = []
        if lines.prompt:
            parts.append(Paragraph(to_reportlab(lines.prompt), self.styles.body))
        tooltip = lines.prompt or plain(self.label("notes_page"))
        parts.append(AnswerLines(lines.count, name, tooltip, self.styles))
        return [KeepTogether(parts), Spacer(1, self.styles.theme.spacing.paragraph)]

    def build_checklist(self, checklist: Checklist) -> list[Flowable]:
        name = self.name("checklist")
        flowables: list[Flowable] = []
        if checklist.title:
            flowables.append(heading(checklist.title, self.styles.subheading, level=1))
        flowables += [CheckItem(item, f"{name}.i{index}", self.styles)
                      for index, item in enumerate(checklist.items, start=1)]
        # As much room below as a chart or scale leaves, so a following question stands apart.
        return [*flowables, Spacer(1, self.styles.theme.spacing.section * 0.6)]

    def build_scale(self, scale: Scale) -> list[Flowable]:
        flowables: list[Flowable] = [CondPageBreak(140)]
        if scale.legend:
            first, last = scale.values[0], scale.values[-1]
            legend = (f"{first} = {to_reportlab(scale.legend[0])}   ·   "
                      f"{last} = {to_reportlab(scale.legend[1])}")
            flowables.append(Paragraph(legend, self.styles.muted))
        flowables.append(RatingScale(scale.statements, scale.values, scale.point_labels,
                                     self.name("scale"), self.styles, title=scale.title))
        return [*flowables, Spacer(1, self.styles.theme.spacing.section * 0.6)]

    def build_tips(self, tips: list[Tip]) -> list[Flowable]:
        flowables: list[Flowable] = []
        for tip in tips:
            text = f"<b>{to_reportlab(tip.lead)}</b> {to_reportlab(tip.text)}"
            flowables.append(callout([Paragraph(text, self.styles.body)], self.styles,
                                     fill="script"))
            flowables.append(Spacer(1, self.styles.theme.spacing.paragraph))
        return flowables

    def build_references(self, references: list[str]) -> list[Flowable]:
        flowables: list[Flowable] = [heading("References", self.styles.subheading, level=1)]
        flowables += [Paragraph(to_reportlab(reference), self.styles.reference)
                      for reference in references]
        return flowables

    def build_page_break(self, _: bool) -> list[Flowable]:
        return [PageBreak()]

    def build_heading(self, block: HeadingBlock) -> list[Flowable]:
        style = self.styles.heading if block.level == 1 else self.styles.subheading
        # Kept with what follows: a chart or scale after it moves to a new page on its own
        # (a CondPageBreak), which keepWithNext alone would not carry the heading along to.
        return [CondPageBreak(style.leading * 2 + 110 * self.styles.theme.scale),
                heading(block.text, style, level=block.level)]

    def build_list(self, items: BulletList) -> list[Flowable]:
        return [*bullet_list(items, self.styles), Spacer(1, self.styles.theme.spacing.paragraph)]

    def build_table(self, table: Table) -> list[Flowable]:
        # Writing cells are fields <handout>.table<N>.r<row>c<column>, blanks in text cells
        # <handout>.table<N>.r<row>c<column>.blank<M>.
        grid = TableFlowable(table, self.styles, self.name("table"))
        room = CondPageBreak(self.styles.theme.chart_row_height * 4)
        return [room, grid, Spacer(1, self.styles.theme.spacing.section * 0.6)]

    def build_image(self, image: Image) -> list[Flowable]:
        return [ImageFlowable(image, self.styles)]

    def build_note(self, note: str) -> list[Flowable]:
        if not self.options.facilitator:
            return []
        text = f"{to_reportlab(self.label('facilitator_note'))} {to_reportlab(note)}"
        return [callout([Paragraph(text, self.styles.note)], self.styles, fill="fill",
                        bar="accent"), Spacer(1, self.styles.theme.spacing.paragraph)]

    def label(self, block: str) -> str:
        """A word the handout prints, from labels.txt."""
        if self.options.labels is None:
            self.options = HandoutOptions(self.options.facilitator, Labels(None, {}))
        assert self.options.labels is not None
        return self.options.labels(block)


def facilitator_notes(question: Question, styles: Styles) -> list[Flowable]:
    """A question's facilitator-only note (shaded, a bar at the left) and answer (outlined).

    The two differ in shape and label, not only in colour, so they stay apart in grayscale.
    """
    boxes: list[Flowable] = []
    if question.note:
        note = Paragraph(f"<b>Facilitator note:</b> {to_reportlab(question.note)}", styles.note)
        boxes.append(callout([note], styles, fill="fill", bar="accent"))
    if question.answer:
        answer = "; ".join(question.answers)
        text = Paragraph(f"<b>Answer:</b> {to_reportlab(answer)}", styles.note)
        boxes += [Spacer(1, 3) if boxes else Spacer(1, 0), answer_box(text, styles)]
    if not boxes:
        return []
    indent = styles.theme.indent
    opening, closing = ((Indenter(right=indent), Indenter(right=-indent)) if styles.rtl
                        else (Indenter(left=indent), Indenter(left=-indent)))
    # Under the question's text (which starts at the right in right-to-left editions); what
    # is kept with the notes (the question in a guide's answer key) reaches through the indent.
    opening.keepWithNext = True
    return [opening, *boxes, closing, Spacer(1, 4)]


def answer_box(content: Flowable, styles: Styles) -> PdfTable:
    """An answer: white, outlined all round with a double rule at the left (not a shaded note)."""
    table = PdfTable([[content]], colWidths=["100%"], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), styles.regular, styles.theme.sizes.body),
        ("BOX", (0, 0), (-1, -1), 0.9, styles.colour("primary")),
        ("LINEAFTER" if styles.rtl else "LINEBEFORE", (0, 0), (0, -1), 3,
         styles.colour("primary")),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table
