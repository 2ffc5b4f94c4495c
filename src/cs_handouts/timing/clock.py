"""Times of day as trainers write them: 9:00, 13:30, 1:30 pm."""

from __future__ import annotations

import datetime as dt
import re

_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)


def parse_clock(text: str) -> dt.time:
    """'9:00', '13:30' or '1:30 pm' as a time; ValueError with the accepted forms otherwise."""
    match = _CLOCK.match(text)
    if match is None:
        raise ValueError(f"expected a time such as 9:00, 13:30 or 1:30 pm, got '{text}'")
    hour, minute, half = int(match[1]), int(match[2]), (match[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"expected an hour from 1 to 12 before am or pm, got '{text}'")
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"expected a time such as 9:00, 13:30 or 1:30 pm, got '{text}'")
    return dt.time(hour, minute)


def clock_time(start: dt.time, offset: int) -> str:
    """'9:05' for a start of 9:00 and an offset of 5 minutes (12-hour clock, no leading zero)."""
    moment = dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=offset)
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d}"


def clock_range(start: dt.time, offset: int, minutes: int) -> str:
    """'9:05–9:12': the clock times of a segment ``offset`` minutes after ``start``."""
    return f"{clock_time(start, offset)}–{clock_time(start, offset + minutes)}"


def later(start: dt.time, minutes: int) -> dt.time:
    """The time ``minutes`` after ``start`` (wrapping past midnight)."""
    moment = dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=minutes)
    return moment.time()
