"""Series documents: the overview, the facilitator binder, the materials roll-up, the agenda."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from cs_handouts.content.model import SeriesConfig
from cs_handouts.content.series import LoadedModule
from cs_handouts.render.pdf.document import CoverPage
from cs_handouts.render.pdf.flowables import CheckItem, NotesArea
from cs_handouts.render.pdf.parts import callout, heading
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import Paragraph
from cs_handouts.render.templates import module_name
from cs_handouts.text.markup import to_reportlab
from cs_handouts.timing.clock import full_date
from cs_handouts.timing.schedule import SessionPlan

Word = Callable[..., str]  # a labels.txt block in the series' language, as plain text


def _cells(styles: Styles, word: Word, *blocks: str) -> list[object]:
    """A table's heading row: each block's words in bold."""
    return [Paragraph(f"<b>{to_reportlab(word(block))}</b>", styles.cell) for block in blocks]


def overview_story(config: SeriesConfig, modules: Sequence[LoadedModule],
                   sessions: Sequence[SessionPlan], styles: Styles, word: Word) -> list[Flowable]:
    """The series at a glance: every module with its minutes and goals, under its session."""
    total = sum(m.module.minutes for m in modules)
    story: list[Flowable] = [heading(config.title, styles.title, level=0)]
    if config.subtitle:
        story.append(Paragraph(to_reportlab(config.subtitle), styles.subtitle))
    story.append(callout([Paragraph(to_reportlab(word(
        "overview_summary", count=len(modules), duration=_duration(total, word),
        organization=config.organization)), styles.body)], styles, fill="fill"))
    story.append(heading(word("modules_heading"), styles.heading, level=0))
    rows: list[list[object]] = [_cells(styles, word, "module_column", "goals_column",
                                       "agenda_minutes")]
    # The sessions as bands across the table, each over its modules: when and what in one
    # table, which keeps the overview to one page where a second table spilled onto another.
    bands: list[int] = []
    by_id = {loaded.id: loaded for loaded in modules}
    listed: set[str] = set()
    for plan in sessions:
        bands.append(len(rows))
        first, last = plan.items[0].clock, plan.items[-1].clock
        when = f"{plan.day} · {first.split('–')[0]}–{last.split('–')[-1]}"
        rows.append([Paragraph(f"<b>{to_reportlab(plan.title)}</b> · {when}", styles.cell),
                     "", ""])
        for item in plan.items:
            if item.module_id in by_id and item.module_id not in listed:
                listed.add(item.module_id)
                rows.append(_module_row(by_id[item.module_id], styles, word))
    rows += [_module_row(loaded, styles, word) for loaded in modules
             if loaded.id not in listed]
    rows.append([Paragraph(f"<b>{to_reportlab(word('agenda_total'))}</b>", styles.cell), "",
                 str(total)])
    # "Minutes" whole in large print too.
    table = _table(rows, ["29%", "55%", "16%"], styles, total_row=True)
    for row in bands:
        table.setStyle(TableStyle([
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), styles.colour("script")),
            ("LINEABOVE", (0, row), (-1, row), 0.9, styles.colour("primary")),
            ("NOSPLIT", (0, row), (-1, row + 1)),  # never a session alone at a page's foot
        ]))
    story.append(table)
    return story


def _module_row(loaded: LoadedModule, styles: Styles, word: Word) -> list[object]:
    # Set a little closer than body text: the overview fits on one page where it can.
    style = ParagraphStyle("overview-goal", parent=_bulleted(styles.cell, styles),
                           leading=styles.cell.fontSize * 1.25)
    goals = [Paragraph(to_reportlab(goal), style, bulletText="•") for goal in loaded.module.goals]
    return [Paragraph(f"<b>{to_reportlab(module_name(loaded, word))}</b>", styles.cell), goals,
            str(loaded.module.minutes)]


def contents_story(config: SeriesConfig, entries: Sequence[tuple[str, int, int]],
                   styles: Styles, word: Word) -> list[Flowable]:
    """The binder's title and table of contents: (title, minutes, first page) per guide."""
    story: list[Flowable] = [*cover_story(config, styles, word), PageBreak(),
                             heading(word("contents_heading"), styles.heading, level=0)]
    rows: list[list[object]] = [_cells(styles, word, "guide_subtitle", "agenda_minutes",
                                       "page_column")]
    rows += [[Paragraph(to_reportlab(title), styles.cell), str(minutes), str(page)]
             for title, minutes, page in entries]
    story.append(_table(rows, ["70%", "15%", "15%"], styles))
    return story


def cover_story(config: SeriesConfig, styles: Styles, word: Word) -> list[Flowable]:
    """The binder's cover: the series, "Facilitator Binder" and the organization, well down."""
    big = ParagraphStyle("cover", parent=styles.title, fontSize=styles.theme.sizes.title * 1.5,
                         leading=styles.theme.sizes.title * 1.8)
    story: list[Flowable] = [CoverPage(), Spacer(1, styles.theme.sizes.title * 7),
                             heading(config.title, big, level=0)]
    if config.subtitle:
        story.append(Paragraph(to_reportlab(config.subtitle), styles.subtitle))
    story += [Spacer(1, styles.theme.spacing.section * 2),
              Paragraph(f"<b>{to_reportlab(word('binder_title'))}</b>", styles.heading),
              Paragraph(to_reportlab(config.organization), styles.body)]
    return story


def materials_story(config: SeriesConfig, modules: Sequence[LoadedModule],
                    pages: dict[tuple[str, str], int], styles: Styles,
                    word: Word) -> list[Flowable]:
    """Every handout and material of every module, to prepare the whole series at once."""
    story: list[Flowable] = [
        heading(word("series_materials_title"), styles.title, level=0),
        Paragraph(to_reportlab(config.title), styles.subtitle),
        callout([Paragraph(to_reportlab(word("series_materials_intro")), styles.body)],
                styles, fill="fill"),
    ]
    for loaded in modules:
        items: list[Flowable] = [heading(module_name(loaded, word), styles.subheading, level=0)]
        for index, text in enumerate(_material_lines(loaded, pages, word), start=1):
            items.append(CheckItem(text, f"materials.{loaded.id}.i{index}", styles))
        story += [KeepTogether(items), Spacer(1, 4)]
    return story


def agenda_story(config: SeriesConfig, plan: SessionPlan, modules: dict[str, LoadedModule],
                 styles: Styles, word: Word) -> list[Flowable]:
    """One session's agenda for participants: clock times, modules, their activities, breaks."""
    first, last = plan.items[0].clock, plan.items[-1].clock
    when = (f"{full_date(plan.date, config.language)}, {first.split('–')[0]}–"
            f"{last.split('–')[-1]}")
    story: list[Flowable] = [
        heading(plan.title, styles.title, level=0),
        Paragraph(f"{to_reportlab(config.title)} · {when}", styles.subtitle),
    ]
    rows: list[list[object]] = [_cells(styles, word, "agenda_time", "agenda_what")]
    for item in plan.items:
        loaded = modules.get(item.module_id or "")
        if loaded is None:
            rows.append([item.clock, Paragraph(f"<i>{to_reportlab(item.title)}</i>", styles.cell)])
            continue
        lines = [Paragraph(f"<b>{to_reportlab(module_name(loaded, word))}</b>", styles.cell)]
        lines += [Paragraph(to_reportlab(goal), _bulleted(styles.muted, styles), bulletText="•")
                  for goal in loaded.module.goals]
        rows.append([item.clock, lines])
    story += [_table(rows, ["22%", "78%"], styles),
              NotesArea(word("notes_page"), styles)]  # the rest of the page, ruled for notes
    return story


def _material_lines(loaded: LoadedModule, pages: dict[tuple[str, str], int],
                    word: Word) -> list[str]:
    lines = []
    seen: set[str] = set()
    listed = [(m.item, m.label) for m in loaded.module.materials]
    for item, label in [*listed, *((h, h) for h in loaded.module.distributed())]:
        if item in seen:
            continue
        seen.add(item)
        handout = loaded.handouts.get(item)
        if handout is None:
            lines.append(label)
            continue
        count = pages.get((loaded.id, f"{item}.pdf"))
        # The page count helps; the file name is for the print list, not this checklist.
        notes = [word("page_count", count=count)] if count else []
        # A sheet for the facilitator alone is printed once, not once per participant.
        notes += [word("facilitator_copy_once")] if handout.for_facilitator else []
        name = word("material_name", handout=handout)
        lines.append(f"{name} ({'; '.join(notes)})" if notes else name)
    return lines


def _table(rows: list[list[object]], widths: list[str], styles: Styles, *,
           total_row: bool = False) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands = [
        ("FONT", (0, 0), (-1, -1), styles.regular, styles.theme.sizes.body),
        ("TEXTCOLOR", (0, 0), (-1, -1), styles.colour("text")),
        ("BACKGROUND", (0, 0), (-1, 0), styles.colour("fill")),
        ("LINEBELOW", (0, 0), (-1, 0), 1, styles.colour("primary")),
        ("LINEBELOW", (0, 1), (-1, -1), 0.5, styles.colour("rule")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    if total_row:
        commands += [("LINEABOVE", (0, -1), (-1, -1), 1, styles.colour("primary")),
                     ("FONT", (2, -1), (2, -1), styles.bold, styles.theme.sizes.body)]
    table.setStyle(TableStyle(commands))
    return table


def _bulleted(style: ParagraphStyle, styles: Styles) -> ParagraphStyle:
    indent = 10 * max(1.0, styles.theme.scale)  # grows with the text, as every indent does
    return ParagraphStyle(f"{style.name}-bulleted", parent=style, leftIndent=indent,
                          bulletIndent=0)


def _duration(minutes: int, word: Word) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return word("segment_minutes", minutes=rest)
    text = word("hour_count", count=hours)
    return f"{text} {word('segment_minutes', minutes=rest)}" if rest else text
