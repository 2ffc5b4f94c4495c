"""Times of day as trainers write them: 9:00, 13:30, 1:30 pm."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

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


def clock_time(start: dt.time, offset: int, language: str = "en-US") -> str:
    """The time ``offset`` minutes after ``start`` as the language writes it: 9:05 AM, 9:05, 09:05."""
    if language == "en-US":
        return "\u00a0".join(_en_us(later(start, offset)))
    return _babel_time(later(start, offset), language)


def _babel_time(moment: dt.time, language: str) -> str:
    from babel.dates import format_time

    return _spaces(format_time(moment, format="short", locale=_locale(language)))


def clock_range(start: dt.time, offset: int, minutes: int, language: str = "en-US") -> str:
    """A segment's clock times as the language writes a range: '9:05–9:12 AM' in en-US,
    '9:05–9:12' in es, '09:05–09:12 Uhr' in de."""
    begin, end = later(start, offset), later(start, offset + minutes)
    if language == "en-US":
        return _en_us_range(begin, end)
    return _babel_range(begin, end, language)


def _babel_range(begin: dt.time, end: dt.time, language: str) -> str:
    from babel.dates import format_interval

    locale = _locale(language)
    twelve_hour = "h" in locale.time_formats["short"].pattern
    return _spaces(format_interval(begin, end, "hm" if twelve_hour else "Hm", locale=locale))


# en-US, the default language, as CLDR writes it (h:mm a; a range h:mm – h:mm a, both marks
# when they differ), written here so that an English build never loads Babel's locale data
# (about 13 ms of each build). tests/test_startup.py holds it to Babel's for every minute.
def _en_us(moment: dt.time) -> tuple[str, str]:
    return f"{moment.hour % 12 or 12}:{moment.minute:02d}", "AM" if moment.hour < 12 else "PM"


def _en_us_range(begin: dt.time, end: dt.time) -> str:
    (first, first_mark), (last, last_mark) = _en_us(begin), _en_us(end)
    if begin == end:
        return f"{first} {first_mark}"  # Babel writes no range then, with CLDR's plain space
    if first_mark != last_mark:
        return f"{first}\u00a0{first_mark}–{last}\u00a0{last_mark}"
    return f"{first}–{last}\u00a0{last_mark}"


def _spaces(text: str) -> str:
    # CLDR's narrow and thin spaces: a no-break space keeps "9:05 AM" on one line in any font;
    # the thin spaces around a range's dash go, as trainers write 9:05–9:12.
    return text.replace("\u2009–\u2009", "–").replace("\u2009", " ").replace("\u202f", "\u00a0")


@lru_cache(maxsize=16)
def _locale(language: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("_", "-"), sep="-")
    except (UnknownLocaleError, ValueError):
        # A language CLDR does not know still gets clock times: its base language, else English.
        base = language.split("-")[0]
        try:
            return Locale.parse(base)
        except (UnknownLocaleError, ValueError):
            return Locale.parse("en_US")


def later(start: dt.time, minutes: int) -> dt.time:
    """The time ``minutes`` after ``start`` (wrapping past midnight)."""
    moment = dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=minutes)
    return moment.time()


# CLDR has no month or day names for Haitian Creole (its ht locale inherits French ones):
# these are written here, to be reviewed with the ht catalog.
_HT_MONTHS = ("janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm",
              "oktòb", "novanm", "desanm")
_HT_DAYS = ("lendi", "madi", "mèkredi", "jedi", "vandredi", "samdi", "dimanch")


def _ht(language: str) -> bool:
    return language.replace("_", "-").split("-")[0].lower() == "ht"


# CLDR's long date in English ("MMMM d, y", en and en-US alike), written here because every
# module's {{ date }} is made while loading: with the clock times above, an English build never
# loads Babel's locale data. tests/test_startup.py holds it to Babel's.
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
_EN_LONG = ("en", "en-US")


def long_date(day: dt.date, language: str) -> str:
    """``day`` written out as ``language`` writes dates: "September 14, 2026", "14 de septiembre de 2026"."""
    if language in _EN_LONG:
        return f"{_EN_MONTHS[day.month - 1]} {day.day}, {day.year}"
    from babel.dates import format_date

    if _ht(language):
        return f"{day.day} {_HT_MONTHS[day.month - 1]} {day.year}"
    text: str = format_date(day, "long", locale=_locale(language))
    return text


def full_date(day: dt.date, language: str) -> str:
    """``day`` with its weekday: "Tuesday, January 19, 2027", "martes, 19 de enero de 2027"."""
    from babel.dates import format_date

    if _ht(language):
        return f"{_HT_DAYS[day.weekday()]} {long_date(day, language)}"
    text: str = format_date(day, "full", locale=_locale(language))
    return text
