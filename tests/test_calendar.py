"""output/series/sessions.ics: read back with icalendar and with a second parser (ical)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from tests.conftest import copy_series, run_cli

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def build_calendar(root: Path, *changes: tuple[str, str]) -> bytes:
    """Change handouts.yaml, build --all, and return sessions.ics."""
    config = root / "handouts.yaml"
    text = config.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    config.write_text(text, encoding="utf-8")
    run_cli("build", "--all", "--project", str(root))
    return (root / "output" / "series" / "sessions.ics").read_bytes()


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


@pytest.fixture(scope="module")
def example_ics(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return build_calendar(copy_series(tmp_path_factory.mktemp("ics") / "series"))


def test_one_event_per_session_timed_from_the_schedule(example_ics: bytes) -> None:
    first, second = events(example_ics)
    # Session 1: modules of 30 and 25 minutes, a 10-minute break, then 25 minutes.
    assert first.decoded("dtstart") == dt.datetime(2027, 1, 12, 9, 0, tzinfo=CHICAGO)
    assert first.decoded("dtend") == dt.datetime(2027, 1, 12, 10, 30, tzinfo=CHICAGO)
    assert str(first["summary"]) == "Session 1: Who We Serve · Caring Customer Service in Schools"
    assert str(first["location"]) == "Maple Valley Education Center, Room 114"
    assert "9:55–10:05 AM Break" in " ".join(str(first["description"]).split())
    # Session 2: 20 + 25 minutes, a break, 25 minutes; no location given.
    assert second.decoded("dtstart") == dt.datetime(2027, 1, 19, 9, 0, tzinfo=CHICAGO)
    assert second.decoded("dtend") == dt.datetime(2027, 1, 19, 10, 20, tzinfo=CHICAGO)
    assert "location" not in second
    assert first["uid"] != second["uid"]


def test_a_second_parser_reads_the_same_events(example_ics: bytes) -> None:
    calendar = IcsCalendarStream.calendar_from_ics(example_ics.decode("utf-8"))
    assert [(e.summary, e.dtstart, e.end, e.location) for e in calendar.events] == [
        ("Session 1: Who We Serve · Caring Customer Service in Schools",
         dt.datetime(2027, 1, 12, 9, 0, tzinfo=CHICAGO), dt.datetime(2027, 1, 12, 10, 30, tzinfo=CHICAGO),
         "Maple Valley Education Center, Room 114"),
        ("Session 2: Serving Each Other Well · Caring Customer Service in Schools",
         dt.datetime(2027, 1, 19, 9, 0, tzinfo=CHICAGO), dt.datetime(2027, 1, 19, 10, 20, tzinfo=CHICAGO),
         None),
    ]
    assert [tz.tz_id for tz in calendar.timezones] == ["America/Chicago"]


def test_rfc_5545_framing(example_ics: bytes) -> None:
    lines = example_ics.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2:] == [b"END:VCALENDAR", b""]
    assert b"VERSION:2.0" in lines and all(len(line) <= 75 for line in lines)
    assert b"DTSTART;TZID=America/Chicago:20270112T090000" in lines
    assert b"BEGIN:VTIMEZONE" in lines


def test_floating_times_without_a_timezone_and_a_last_break_left_out(series: Path) -> None:
    data = build_calendar(series, ("timezone: America/Chicago\n", ""),
                          ("        minutes: 10\n  - title: \"Session 2",
                           "        minutes: 10\n      - after: module3\n        minutes: 15\n"
                           "  - title: \"Session 2"))
    first = events(data)[0]
    assert first.decoded("dtstart") == dt.datetime(2027, 1, 12, 9, 0)  # floating: no tzinfo
    assert first.decoded("dtend") == dt.datetime(2027, 1, 12, 10, 30)  # not 10:45
    assert b"VTIMEZONE" not in data
    assert b"DTSTART:20270112T090000\r\n" in data
    second = IcsCalendarStream.calendar_from_ics(data.decode("utf-8")).events[0]
    assert second.dtstart == dt.datetime(2027, 1, 12, 9, 0) and second.end.tzinfo is None


def test_uids_survive_new_times_places_and_titles_and_builds_are_byte_identical(series: Path) -> None:
    before = build_calendar(series)
    run_cli("build", "--all", "--force", "--project", str(series))
    assert (series / "output" / "series" / "sessions.ics").read_bytes() == before
    after = build_calendar(series, ('start: "9:00"', 'start: "13:30"'),
                           ("date: 2027-01-12", "date: 2027-01-13"),
                           ("Room 114", "Room 200"),
                           ("Session 1: Who We Serve", "Session 1: Our Customers"))
    old, new = events(before)[0], events(after)[0]
    assert new.decoded("dtstart") == dt.datetime(2027, 1, 13, 13, 30, tzinfo=CHICAGO)
    assert str(new["location"]).endswith("Room 200")
    assert new["uid"] == old["uid"]
    assert [e["uid"] for e in events(after)] == [e["uid"] for e in events(before)]
    # DTSTAMP comes from the inputs (the first session's date), never from the clock.
    assert new.decoded("dtstamp") == dt.datetime(2027, 1, 13, tzinfo=dt.timezone.utc)


def test_no_sessions_no_calendar(series: Path) -> None:
    config = series / "handouts.yaml"
    config.write_text(config.read_text(encoding="utf-8").split("\nsessions:")[0] + "\n",
                      encoding="utf-8")
    run_cli("build", "--all", "--project", str(series))
    assert not (series / "output" / "series" / "sessions.ics").exists()
    assert (series / "output" / "series" / "overview.pdf").exists()
