"""The facilitator guide: overview, materials, agenda, script, activities, conclusion."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from reportlab.platypus import (
    Flowable,
    Table,
    TableStyle,
)

from cs_handouts.content.model import DEFAULT_SCRIPT_TITLE, Segment
from cs_handouts.content.series import LoadedModule
from cs_handouts.content.theme import LARGE_PRINT_BODY
from cs_handouts.content.variants import default_variant, for_variant
from cs_handouts.render.agendarows import agenda_footer, agenda_lines
from cs_handouts.render.pdf.flowables import CheckItem
from cs_handouts.render.pdf.handout import facilitator_notes
from cs_handouts.render.pdf.keep import KeepNearby
from cs_handouts.render.pdf.origin import Origin, tag
from cs_handouts.render.pdf.parts import callout, heading, paragraphs_of
from cs_handouts.render.pdf.script import ScriptBox
from cs_handouts.render.pdf.sections import bullet_section, checklist_section, label_line, summary
from cs_handouts.render.pdf.steps import StepWriter
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import Paragraph
from cs_handouts.render.templates import Labels
from cs_handouts.text.markup import plain, to_reportlab
from cs_handouts.text.typography import keep_last_words
from cs_handouts.timing.agenda import AgendaRow, agenda


def guide_story(loaded: LoadedModule, styles: Styles, start: dt.time | None = None,
                labels: Labels | None = None, field_prefix: str = "guide",
                quantities: Mapping[str, str] | None = None) -> list[Flowable]:
    """Everything the facilitator guide prints, top to bottom; ``labels`` word the headings.

    ``field_prefix`` names its form fields, so that guides bound together keep theirs apart.
    ``quantities`` says how many of a material to bring, where the print command knows.
    """
    label = labels or Labels(None, loaded.context)
    # A print set asks for the guide without choosing a variant: it is the default's.
    module = for_variant(loaded.module, default_variant(loaded.module))
    loaded = dataclasses.replace(loaded, module=module)
    writer = StepWriter(loaded, styles, label)
    rows = agenda(module, start, loaded.context.get("language", "en-US"))
    story: list[Flowable] = [
        *tag([heading(label("guide_title"), styles.title, level=0),
              Paragraph(to_reportlab(label("guide_subtitle")), styles.subtitle)],
             Origin(None, ("title",))),
        *summary(module.summary, styles),
        *tag([_overview(loaded, styles, label)], Origin(None, ("goals",), _GOAL_TOO_TALL)),
        *bullet_section(label("key_points_heading"), module.key_points, "key-points", styles),
        *bullet_section(label("notes_heading"), module.notes, "notes", styles, boxed=True),
        *tag(_materials(loaded, styles, label, field_prefix, quantities or {}),
             Origin(None, ("materials",))),
        *checklist_section(label("prepare_heading"), module.prepare, "prepare", writer, styles,
                           field_prefix),
        *tag(_agenda(rows, styles, start is not None, label), Origin(None, ("activities",))),
    ]
    if module.script:
        intro = label("script_intro", minutes=module.script.minutes)
        story += tag([
            timed_heading(script_title(module.script.title, label),
                          _row_of_script(rows, module.script.title), styles, label),
            Paragraph(to_reportlab(intro), styles.muted),
            say_box(module.script.text, styles, label),
        ], Origin(None, ("script",), _PARAGRAPH_TOO_TALL))
    for number, segment in enumerate(module.activities, start=1):
        title = label("activity_heading", number=number, title=segment.title)
        story += _segment(title, segment, loaded, writer, ("activities", number - 1),
                          _row_of(rows, segment))
    if module.conclusion:
        story += _segment(module.conclusion.title, module.conclusion, loaded, writer,
                          ("conclusion",), _row_of(rows, module.conclusion))
    story += checklist_section(label("follow_up_heading"), module.follow_up, "follow-up", writer,
                               styles, field_prefix)
    return story


_PARAGRAPH_TOO_TALL = "a paragraph is too long to fit on one page; split it with a blank line"
_GOAL_TOO_TALL = "the goals are too long to fit on one page; shorten them"


def _overview(loaded: LoadedModule, styles: Styles, label: Labels) -> Flowable:
    module = loaded.module
    goals = to_reportlab(label("goals"))
    rows: list[Flowable] = [Paragraph(to_reportlab(label("estimated_time")), styles.body)]
    if module.audience:
        audience = module.audience if isinstance(module.audience, str) else "; ".join(
            module.audience)
        rows.append(label_line(label, "audience", styles, audience=audience))
    if module.level:
        rows.append(label_line(label, "level", styles, level=module.level))
    if module.prerequisites:
        rows.append(label_line(label, "prerequisites", styles,
                               prerequisites="; ".join(module.prerequisites)))
    if len(module.goals) == 1:
        rows.append(Paragraph(f"{goals} {to_reportlab(module.goals[0])}", styles.body))
    else:
        rows.append(Paragraph(goals, styles.body))
        rows += [Paragraph(to_reportlab(goal), styles.bullet, bulletText="•")
                 for goal in module.goals]
    return callout(rows, styles, fill="fill")


def _row_of_script(rows: list[AgendaRow], title: str) -> AgendaRow | None:
    return rows[0] if rows and rows[0].titles == (title,) else None


def _row_of(rows: list[AgendaRow], segment: Segment) -> AgendaRow | None:
    """The agenda row that holds ``segment`` (alternatives share one)."""
    return next((row for row in rows if segment.title in row.titles), None)


def timed_heading(title: str, row: AgendaRow | None, styles: Styles, label: Labels) -> Paragraph:
    """A segment's heading with its time beside it, in bold: "Activity 1 9:02–9:06 · 4 min"."""
    paragraph = heading(title, styles.heading, level=0)
    if row is None:
        return paragraph
    time = label("segment_time", minutes=row.minutes)
    if row.clock:
        time = f"{row.clock} · {time}"
    size = styles.theme.sizes.body
    text = (f'{to_reportlab(keep_last_words(title))}\u2003<font size="{size}" '
            f'color="{styles.theme.colors.accent}">{to_reportlab(time)}</font>')
    timed = Paragraph(text, styles.heading)
    timed.outline, timed.keepWithNext = paragraph.outline, True
    return timed


def say_box(text: str, styles: Styles, label: Labels, *, headed: bool = True) -> ScriptBox:
    """Words to read aloud, in a box headed "Say" that says when it goes on over a page."""
    head = to_reportlab(plain(label("say")).rstrip(":")) if headed else ""
    return ScriptBox(paragraphs_of(text, styles.script), styles, head,
                     to_reportlab(label("say_continued")), to_reportlab(label("continues")))


def _materials(loaded: LoadedModule, styles: Styles, label: Labels,
               field_prefix: str, quantities: Mapping[str, str]) -> list[Flowable]:
    module = loaded.module
    items: list[str] = []
    for_you: list[str] = []  # the sheets for the facilitator alone
    for material in module.materials:
        handout = loaded.handouts.get(material.item)
        into = for_you if handout is not None and handout.for_facilitator else items
        name = label("material_name", handout=handout) if handout else material.label
        count = quantities.get(material.item)
        name = f"{name}: **{count}**" if count else name
        into.append(label("material_optional", item=name) if material.optional else name)
    for handout_id in module.distributed():
        if handout_id not in module.material_items():
            handout = loaded.handouts[handout_id]
            (for_you if handout.for_facilitator else items).append(
                label("material_name", handout=handout))
    if not items and not for_you:
        return []
    flowables: list[Flowable] = [heading(label("materials_heading"), styles.heading, level=0)]
    flowables += [CheckItem(item, f"{field_prefix}.materials.i{index}", styles)
                  for index, item in enumerate(items, start=1)]
    if for_you:
        flowables.append(Paragraph(to_reportlab(label("materials_for_you")), styles.subheading))
        flowables[-1].keepWithNext = True
        flowables += [CheckItem(item, f"{field_prefix}.materials.i{index}", styles)
                      for index, item in enumerate(for_you, start=len(items) + 1)]
    return flowables


def _agenda(rows: list[AgendaRow], styles: Styles, clock: bool,
            label: Labels) -> list[Flowable]:
    head = [label(name) for name in ("agenda_segment", "agenda_minutes", "agenda_running_time")]
    head += [label("agenda_clock_time")] if clock else []
    data: list[list[object]] = [[Paragraph(f"<b>{to_reportlab(h)}</b>", styles.cell)
                                 for h in head]]
    lines = agenda_lines(rows, label)
    for line in lines:
        cells: list[object] = [Paragraph(to_reportlab(script_title(line.title, label)), styles.cell),
                               Paragraph(to_reportlab(line.minutes), styles.cell), line.running]
        if clock:
            cells.append(line.clock)
        data.append(cells)
    total, note = agenda_footer(rows, label)
    total_label = Paragraph(f"<b>{to_reportlab(label('agenda_total'))}</b>", styles.cell)
    data.append([total_label, Paragraph(f"<b>{total}</b>", styles.cell), ""]
                + ([""] if clock else []))
    # Room for "optional (+10 min)" and "untimed" without breaking a word, in large print too.
    widths = ["44%", "20%", "18%", "18%"] if clock else ["54%", "22%", "24%"]
    if styles.theme.sizes.body >= LARGE_PRINT_BODY:  # "Minutes" whole at 16 pt, never "Minute/s"
        widths = ["40%", "18%", "20%", "22%"] if clock else ["50%", "20%", "30%"]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), styles.regular, styles.theme.sizes.body),
        ("TEXTCOLOR", (0, 0), (-1, -1), styles.colour("text")),
        ("BACKGROUND", (0, 0), (-1, 0), styles.colour("fill")),
        ("LINEBELOW", (0, 0), (-1, 0), 1, styles.colour("primary")),
        ("LINEBELOW", (0, 1), (-1, -2), 0.5, styles.colour("rule")),
        ("LINEABOVE", (0, -1), (-1, -1), 1, styles.colour("primary")),
        ("FONT", (1, -1), (1, -1), styles.bold, styles.theme.sizes.body),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    after = [Paragraph(to_reportlab(note), styles.muted)] if note else []
    return [heading(label("agenda_heading"), styles.heading, level=0), table, *after]


def _segment(title: str, segment: Segment, loaded: LoadedModule, writer: StepWriter,
             path: tuple[str | int, ...], row: AgendaRow | None = None) -> list[Flowable]:
    styles, label = writer.styles, writer.label
    details = [label("segment_minutes", minutes=segment.minutes)]
    details += [label("segment_optional")] if segment.optional else []
    if segment.alternative_to:
        other = next((s.title for s in loaded.module.segments if s.id == segment.alternative_to),
                     segment.alternative_to)
        details.append(label("segment_alternative", other=other))
    details += [segment.grouping] if segment.grouping else []
    details_line = Paragraph(to_reportlab(" · ".join(details)), styles.muted)
    details_line.keepWithNext = True  # with the heading, above the first step
    steps: list[Flowable] = tag([timed_heading(title, row, styles, label), details_line],
                                Origin(None, (*path, "title")))
    steps += writer.steps(segment.steps, (*path, "steps"))
    # A segment's steps read as one set of instructions: kept on one page when they fit,
    # unless moving them on would leave much of this page empty (large print).
    flowables: list[Flowable] = tag([KeepNearby(steps)], Origin(None, path))
    for step in [inner for top in segment.steps for inner in top.all_steps()]:
        if step.distribute:
            flowables += _answer_key(step.distribute, loaded, styles, label)
    return flowables


def _answer_key(handout_id: str, loaded: LoadedModule, styles: Styles,
                label: Labels) -> list[Flowable]:
    """Facilitator notes and answers of a distributed handout's questions."""
    handout = loaded.handouts[handout_id]
    flowables: list[Flowable] = []
    number = 0
    for block_index, block in enumerate(handout.blocks):
        for index, question in enumerate(block.questions or []):
            number += 1
            notes = facilitator_notes(question, styles)
            if notes:
                text = label("answer_key_question", number=number, question=question.text)
                origin = Origin(handout_id, ("blocks", block_index, "questions", index))
                # The question never at the foot of a page without its note (and a heading
                # above it stays with it: a KeepTogether here would break that chain).
                question_line = Paragraph(to_reportlab(text), styles.question)
                question_line.keepWithNext = True
                flowables += tag([question_line, *notes], origin)
    if not flowables:
        return []
    title = Paragraph(to_reportlab(label("answer_key_heading", handout=handout)),
                      styles.subheading)
    title.keepWithNext = True  # never a heading alone at the foot of a page
    return [*tag([title], Origin(handout_id, ("title",))), *flowables]



def script_title(title: str, label: Labels) -> str:
    """The script's heading: the module's own, else the built-in one in the edition's language."""
    return label("script_heading") if title == DEFAULT_SCRIPT_TITLE else title
