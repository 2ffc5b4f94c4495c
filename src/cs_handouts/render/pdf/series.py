"""Series documents: the overview, the facilitator binder, the materials roll-up, the agenda."""

from __future__ import annotations

from collections.abc import Sequence

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
from cs_handouts.render.pdf.flowables import CheckItem, NotesArea
from cs_handouts.render.pdf.parts import callout, heading
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import Paragraph
from cs_handouts.text.markup import to_reportlab
from cs_handouts.timing.schedule import SessionPlan


def module_name(loaded: LoadedModule) -> str:
    """'Module 4: Internal Customer Service'."""
    return f"Module {loaded.module.number}: {loaded.module.title}"


def overview_story(config: SeriesConfig, modules: Sequence[LoadedModule],
                   sessions: Sequence[SessionPlan], styles: Styles) -> list[Flowable]:
    """The series at a glance: every module with its minutes and goals, under its session."""
    total = sum(m.module.minutes for m in modules)
    story: list[Flowable] = [heading(config.title, styles.title, level=0)]
    if config.subtitle:
        story.append(Paragraph(to_reportlab(config.subtitle), styles.subtitle))
    story.append(callout([Paragraph(
        f"<b>{len(modules)} modules</b> · <b>{_duration(total)}</b> in all · "
        f"{to_reportlab(config.organization)}", styles.body)], styles, fill="fill"))
    story.append(heading("Modules", styles.heading, level=0))
    head = ["Module", "Goals", "Minutes"]
    rows: list[list[object]] = [[Paragraph(f"<b>{h}</b>", styles.cell) for h in head]]
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
                rows.append(_module_row(by_id[item.module_id], styles))
    rows += [_module_row(loaded, styles) for loaded in modules if loaded.id not in listed]
    rows.append([Paragraph("<b>Total</b>", styles.cell), "", str(total)])
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


def _module_row(loaded: LoadedModule, styles: Styles) -> list[object]:
    # Set a little closer than body text: the overview fits on one page where it can.
    style = ParagraphStyle("overview-goal", parent=_bulleted(styles.cell, styles),
                           leading=styles.cell.fontSize * 1.25)
    goals = [Paragraph(to_reportlab(goal), style, bulletText="•") for goal in loaded.module.goals]
    return [Paragraph(f"<b>{to_reportlab(module_name(loaded))}</b>", styles.cell), goals,
            str(loaded.module.minutes)]


def contents_story(config: SeriesConfig, entries: Sequence[tuple[str, int, int]],
                   styles: Styles) -> list[Flowable]:
    """The binder's title and table of contents: (title, minutes, first page) per guide."""
    story: list[Flowable] = [*cover_story(config, styles), PageBreak(),
                             heading("Contents", styles.heading, level=0)]
    rows: list[list[object]] = [[Paragraph(f"<b>{h}</b>", styles.cell)
                                 for h in ("Facilitator guide", "Minutes", "Page")]]
    rows += [[Paragraph(to_reportlab(title), styles.cell), str(minutes), str(page)]
             for title, minutes, page in entries]
    story.append(_table(rows, ["70%", "15%", "15%"], styles))
    return story


def cover_story(config: SeriesConfig, styles: Styles) -> list[Flowable]:
    """The binder's cover: the series, "Facilitator Binder" and the organization, well down."""
    big = ParagraphStyle("cover", parent=styles.title, fontSize=styles.theme.sizes.title * 1.5,
                         leading=styles.theme.sizes.title * 1.8)
    story: list[Flowable] = [Spacer(1, styles.theme.sizes.title * 7),
                             heading(config.title, big, level=0)]
    if config.subtitle:
        story.append(Paragraph(to_reportlab(config.subtitle), styles.subtitle))
    story += [Spacer(1, styles.theme.spacing.section * 2),
              Paragraph("<b>Facilitator Binder</b>", styles.heading),
              Paragraph(to_reportlab(config.organization), styles.body)]
    return story


def materials_story(config: SeriesConfig, modules: Sequence[LoadedModule],
                    pages: dict[tuple[str, str], int], styles: Styles) -> list[Flowable]:
    """Every handout and material of every module, to prepare the whole series at once."""
    story: list[Flowable] = [
        heading("Materials for the Series", styles.title, level=0),
        Paragraph(to_reportlab(config.title), styles.subtitle),
        callout([Paragraph("Print one copy of each handout per participant, and gather the "
                           "other materials. Tick each item when it is ready.", styles.body)],
                styles, fill="fill"),
    ]
    for loaded in modules:
        items: list[Flowable] = [heading(module_name(loaded), styles.subheading, level=0)]
        for index, text in enumerate(_material_lines(loaded, pages), start=1):
            items.append(CheckItem(text, f"materials.{loaded.id}.i{index}", styles))
        story += [KeepTogether(items), Spacer(1, 4)]
    return story


def agenda_story(config: SeriesConfig, plan: SessionPlan, modules: dict[str, LoadedModule],
                 styles: Styles, plain_label: str = "Notes") -> list[Flowable]:
    """One session's agenda for participants: clock times, modules, their activities, breaks."""
    first, last = plan.items[0].clock, plan.items[-1].clock
    when = f"{plan.day}, {first.split('–')[0]}–{last.split('–')[-1]}"
    story: list[Flowable] = [
        heading(plan.title, styles.title, level=0),
        Paragraph(f"{to_reportlab(config.title)} · {when}", styles.subtitle),
    ]
    rows: list[list[object]] = [[Paragraph(f"<b>{h}</b>", styles.cell)
                                 for h in ("Time", "What we will do")]]
    for item in plan.items:
        loaded = modules.get(item.module_id or "")
        if loaded is None:
            rows.append([item.clock, Paragraph(f"<i>{to_reportlab(item.title)}</i>", styles.cell)])
            continue
        lines = [Paragraph(f"<b>{to_reportlab(module_name(loaded))}</b>", styles.cell)]
        lines += [Paragraph(to_reportlab(goal), _bulleted(styles.muted, styles), bulletText="•")
                  for goal in loaded.module.goals]
        rows.append([item.clock, lines])
    story += [_table(rows, ["22%", "78%"], styles),
              NotesArea(plain_label, styles)]  # the rest of the page, ruled for notes
    return story


def _material_lines(loaded: LoadedModule, pages: dict[tuple[str, str], int]) -> list[str]:
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
        notes = [f"{count} page{'s' if count != 1 else ''}"] if count else []
        # A sheet for the facilitator alone is printed once, not once per participant.
        notes += ["one copy, for the facilitator"] if handout.for_facilitator else []
        lines.append(f"{handout.material_name} ({'; '.join(notes)})" if notes
                     else handout.material_name)
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


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} minutes"
    text = f"{hours} hour{'s' if hours > 1 else ''}"
    return f"{text} {rest} minutes" if rest else text
