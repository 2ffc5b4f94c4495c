"""The series' schedule: sessions with dates, start times, modules and breaks, as clock times."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from cs_handouts.content.model import Break, Session
from cs_handouts.timing.clock import clock_range, full_date, later


@dataclass(frozen=True)
class ScheduleItem:
    """A module or a break within a session, with its place on the clock."""

    title: str
    minutes: int
    start: dt.time
    clock: str  # "9:05–9:30"
    module_id: str | None = None  # None for a break


@dataclass(frozen=True)
class SessionPlan:
    """One session laid out on the clock."""

    number: int
    title: str
    date: dt.date
    items: list[ScheduleItem]
    language: str = "en-US"  # the series' (edition's): how the day is written

    @property
    def day(self) -> str:
        """'Tuesday, January 12, 2027' in en-US; 'martes, 12 de enero de 2027' in es."""
        return full_date(self.date, self.language)

    @property
    def heading(self) -> str:
        """'Session 1 · Tuesday, January 12, 2027'."""
        return f"{self.title} · {self.day}"


def plan_sessions(sessions: list[Session], minutes: dict[str, int], titles: dict[str, str],
                  language: str, word: Callable[..., str]) -> list[SessionPlan]:
    """Lay out each session: its modules (by their stated minutes) and breaks, in order.

    ``word`` gives the series' words for an untitled session or break (labels.txt's
    ``session_title`` and ``break_title``).
    """
    plans = []
    for number, session in enumerate(sessions, start=1):
        items = []
        for module_id, named, offset, length in _timeline(session, minutes):
            title = titles[module_id] if module_id is not None else named or word("break_title")
            items.append(ScheduleItem(title, length, later(session.start, offset),
                                      clock_range(session.start, offset, length, language),
                                      module_id))
        plans.append(SessionPlan(number, session.title or word("session_title", number=number),
                                 session.date,
                                 items, language))
    return plans


def session_starts(sessions: list[Session], minutes: dict[str, int]) -> dict[str, dt.time]:
    """When each scheduled module begins (no titles or clock times written: a build needs
    only this before it renders)."""
    return {module_id: later(session.start, offset) for session in sessions
            for module_id, _, offset, _ in _timeline(session, minutes) if module_id is not None}


def _timeline(session: Session, minutes: dict[str, int]
              ) -> Iterator[tuple[str | None, str | None, int, int]]:
    """Each module of ``session`` (by its stated minutes), each followed by its breaks, in
    order: (the module's id, or None for a break; a break's own title; minutes from the
    session's start; minutes long)."""
    breaks_after: dict[str, list[Break]] = {}
    for pause in session.breaks:
        breaks_after.setdefault(pause.after, []).append(pause)
    offset = 0
    for module_id in session.modules:
        if module_id not in minutes:
            continue  # a broken module: the loader reports it
        yield module_id, None, offset, minutes[module_id]
        offset += minutes[module_id]
        for pause in breaks_after.get(module_id, []):
            yield None, pause.title, offset, pause.minutes
            offset += pause.minutes
