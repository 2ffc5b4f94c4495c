"""The agenda: each segment's minutes, running time and, given a start, clock times."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cs_handouts.content.model import Module
from cs_handouts.timing.clock import clock_range, clock_time

__all__ = ["AgendaRow", "agenda", "clock_time", "minutes_mismatch", "total_minutes"]


@dataclass(frozen=True)
class AgendaRow:
    """One timed segment of a module."""

    title: str
    minutes: int
    start: int  # minutes from the module's start
    clock: str | None = None  # "9:05–9:12" when the module has a start time

    @property
    def end(self) -> int:
        return self.start + self.minutes


def agenda(module: Module, start: dt.time | None = None, language: str = "en-US") -> list[AgendaRow]:
    """The module's segments in order, with running times and clock times in ``language``."""
    rows = []
    offset = 0
    timed = [(module.script.title, module.script.minutes)] if module.script and module.script.minutes else []
    timed += [(segment.title, segment.minutes) for segment in module.segments]
    for title, minutes in timed:
        clock = None
        if start is not None:
            clock = clock_range(start, offset, minutes, language)
        rows.append(AgendaRow(title, minutes, offset, clock))
        offset += minutes
    return rows


def total_minutes(module: Module) -> int:
    """The minutes of every timed segment added up."""
    return sum(row.minutes for row in agenda(module))


def minutes_mismatch(module: Module) -> str | None:
    """A warning when the segments do not add up to the module's stated minutes."""
    total = total_minutes(module)
    if total == module.minutes:
        return None
    return (f"the segments add up to {total} minutes, but the module says minutes: "
            f"{module.minutes}")
