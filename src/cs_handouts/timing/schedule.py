"""The series' schedule: sessions with dates, start times, modules and breaks, as clock times."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cs_handouts.content.model import Session
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
        breaks_after: dict[str, list[tuple[str, int]]] = {}
        for pause in session.breaks:
            breaks_after.setdefault(pause.after, []).append(
                (pause.title or word("break_title"), pause.minutes))
        items: list[ScheduleItem] = []
        offset = 0
        for module_id in session.modules:
            if module_id not in minutes:
                continue  # a broken module: the loader reports it
            length = minutes[module_id]
            items.append(ScheduleItem(titles[module_id], length, later(session.start, offset),
                                      clock_range(session.start, offset, length, language), module_id))
            offset += length
            for title, length in breaks_after.get(module_id, []):
                items.append(ScheduleItem(title, length, later(session.start, offset),
                                          clock_range(session.start, offset, length, language)))
                offset += length
        plans.append(SessionPlan(number, session.title or word("session_title", number=number),
                                 session.date,
                                 items, language))
    return plans


def module_starts(plans: list[SessionPlan]) -> dict[str, dt.time]:
    """When each scheduled module begins."""
    return {item.module_id: item.start for plan in plans for item in plan.items
            if item.module_id is not None}
