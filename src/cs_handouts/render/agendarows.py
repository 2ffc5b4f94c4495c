"""The agenda's cells as words, the same in the guide's PDF and its web page."""

from __future__ import annotations

from dataclasses import dataclass

from cs_handouts.content.model import DEFAULT_SCRIPT_TITLE
from cs_handouts.render.templates import Labels
from cs_handouts.timing.agenda import AgendaRow, agenda_total


@dataclass(frozen=True)
class AgendaLine:
    """One row of the agenda as printed: title, minutes, running time and clock time."""

    title: str
    minutes: str
    running: str
    clock: str
    optional: bool


def agenda_lines(rows: list[AgendaRow], label: Labels) -> list[AgendaLine]:
    """Each row's cells: ranges as ranges, optional rows marked, alternatives as 'A or B'."""
    lines = []
    for row in rows:
        title = label("agenda_alternatives", titles=list(row.titles)) if len(
            row.titles) > 1 else row.title
        if title == DEFAULT_SCRIPT_TITLE:  # the script's default heading, in the language
            title = label("script_heading")
        if row.optional:
            minutes = label("agenda_optional", minutes=row.minutes)
        elif row.untimed:
            minutes = label("agenda_untimed")
        else:
            minutes = str(row.minutes)
        running = "" if row.optional or row.untimed else label("agenda_range", start=row.start, end=row.end)
        lines.append(AgendaLine(title, minutes, running, row.clock or "", row.optional))
    return lines


def agenda_footer(rows: list[AgendaRow], label: Labels) -> tuple[str, str | None]:
    """The total (a range when any row is one), and a note saying times follow the lower figure."""
    counted = agenda_total(rows)
    ranged = any(row.minutes.is_range for row in rows if not row.optional)
    return str(counted), (label("agenda_lower_figure") if ranged else None)
