"""The agenda: each segment's minutes, running time and, given a start, clock times.

Minutes may be ranges (``30-45``): rows show them as ranges and the total is a range,
while running and clock times follow the lower figures. An optional segment is listed
but not counted; segments joined by ``alternative-to:`` are one row, counted once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cs_handouts.content.model import Module, Segment
from cs_handouts.timing.clock import clock_range, clock_time
from cs_handouts.timing.span import Span, total

__all__ = ["AgendaRow", "agenda", "agenda_total", "clock_time", "minutes_mismatch",
           "total_minutes"]


@dataclass(frozen=True)
class AgendaRow:
    """One row of the agenda: a segment, or alternatives shown as one."""

    titles: tuple[str, ...]  # one title, or the alternatives ("A or B")
    minutes: Span
    start: int  # minutes from the module's start, by the lower figures
    clock: str | None = None  # "9:05–9:12" when the module has a start time
    optional: bool = False  # listed, not counted, no running or clock time

    @property
    def title(self) -> str:
        """The row's title; alternatives are joined by the renderers' own word for "or"."""
        return self.titles[0]

    @property
    def end(self) -> int:
        return self.start + self.minutes.low

    @property
    def untimed(self) -> bool:
        return self.minutes.high == 0


def _group(module: Module) -> list[list[Segment]]:
    """Segments in order, each alternative placed with the segment it may replace."""
    groups: dict[str, list[Segment]] = {}
    ordered: list[list[Segment]] = []
    for segment in module.segments:
        if segment.alternative_to and segment.alternative_to in groups:
            groups[segment.alternative_to].append(segment)
            if segment.id:
                groups[segment.id] = groups[segment.alternative_to]
            continue
        group = [segment]
        ordered.append(group)
        if segment.id:
            groups[segment.id] = group
    return ordered


def agenda(module: Module, start: dt.time | None = None,
           language: str = "en-US") -> list[AgendaRow]:
    """The module's rows in order, with running times and clock times in ``language``."""
    rows = []
    offset = 0
    timed: list[tuple[tuple[str, ...], Span, bool]] = []
    if module.script and module.script.minutes:
        timed.append(((module.script.title,), Span(module.script.minutes), False))
    for group in _group(module):
        counted = [segment for segment in group if not segment.optional]
        spans = [segment.minutes for segment in counted or group]
        span = Span(min(s.low for s in spans), max(s.high for s in spans))
        timed.append((tuple(segment.title for segment in group), span, not counted))
    for titles, minutes, optional in timed:
        clock = None
        if start is not None and not optional and minutes.high:
            clock = clock_range(start, offset, minutes.low, language)
        rows.append(AgendaRow(titles, minutes, offset, clock, optional))
        if not optional:
            offset += minutes.low
    return rows


def agenda_total(rows: list[AgendaRow]) -> Span:
    """The minutes of every counted row added up: a range when any row is a range."""
    return total([row.minutes for row in rows if not row.optional])


def total_minutes(module: Module) -> int:
    """The counted minutes added up, by the lower figures."""
    return agenda_total(agenda(module)).low


def minutes_mismatch(module: Module) -> str | None:
    """A warning when the segments' minutes cannot meet the module's stated minutes."""
    counted = agenda_total(agenda(module))
    if counted.high >= module.minutes.low and counted.low <= module.minutes.high:
        return None
    return (f"the segments add up to {counted} minutes, but the module says minutes: "
            f"{module.minutes}")
