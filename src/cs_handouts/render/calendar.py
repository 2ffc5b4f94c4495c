"""The sessions as an iCalendar file (RFC 5545): one event per session, for calendar programs."""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from collections.abc import Sequence

from icalendar import Calendar, Event

from cs_handouts.content.model import SeriesConfig, Session
from cs_handouts.timing.schedule import SessionPlan

PRODUCT_ID = "-//cs-handouts//handouts sessions//EN"


def session_uid(config: SeriesConfig, session: Session) -> str:
    """A UID that stays the same when the session's date, time, title or location change.

    It names the series and the session's modules (each module is scheduled once), so
    re-importing the file updates the event instead of adding a second one.
    """
    identity = "\n".join([config.organization, config.title, *session.modules])
    digest = hashlib.sha256(identity.encode()).hexdigest()[:20]
    return f"{session.modules[0]}-{digest}@cs-handouts"


def session_times(session: Session, plan: SessionPlan, zone: dt.tzinfo | None
                  ) -> tuple[dt.datetime, dt.datetime]:
    """Start and end of a session: from its start to the end of its last module.

    A break after the last module is not part of the event (nobody stays for it).
    """
    start = dt.datetime.combine(session.date, session.start, tzinfo=zone)
    last = max((index for index, item in enumerate(plan.items) if item.module_id is not None),
               default=-1)
    minutes = sum(item.minutes for item in plan.items[:last + 1])
    return start, start + dt.timedelta(minutes=minutes)


def calendar_stamp(sessions: Sequence[Session]) -> dt.datetime:
    """DTSTAMP from the inputs, never the clock, so that the same series gives the same bytes.

    Midnight UTC of the earliest session's date: a stamp no later than the sessions.
    """
    first = min(session.date for session in sessions)
    return dt.datetime.combine(first, dt.time(0, 0), tzinfo=dt.timezone.utc)


def sessions_calendar(config: SeriesConfig, plans: Sequence[SessionPlan]) -> bytes:
    """The iCalendar file of the series' sessions (floating local times without ``timezone:``)."""
    zone = zoneinfo.ZoneInfo(config.timezone) if config.timezone else None
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", config.title)
    stamp = calendar_stamp(config.sessions)
    for session, plan in zip(config.sessions, plans, strict=True):
        start, end = session_times(session, plan, zone)
        event = Event()
        event.add("uid", session_uid(config, session))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", f"{plan.title} · {config.title}")
        if session.location:
            event.add("location", session.location)
        event.add("description", "\n".join(f"{item.clock} {item.title}" for item in plan.items))
        calendar.add_component(event)
    if zone is not None:
        calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
