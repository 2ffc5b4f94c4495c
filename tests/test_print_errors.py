"""`handouts print` with a bad roster or option: a located message, exit 1, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, run_cli

ROSTERS = DATA / "rosters"
SUMMARY = "Aborted: 1 error in the roster; nothing was written."


@pytest.mark.parametrize("fixture, message", [
    ("missing-column", "roster.csv:1:1: missing column 'school' (the header row must name the"
     " columns name, school (or department) and email; this header has: name, email)"),
    ("empty", "roster.csv:1:1: the roster is empty; the header row must name the columns name,"
     " school (or department) and email, one participant a line below it"),
    ("too-many-cells", "roster.csv:3:1: too many cells: this row has 4, the header has 3 (Name,"
     " School or department, Email); put a value that holds a comma in double quotes"),
    ("windows-1252", "roster.csv:2:4: not UTF-8 (byte 0xE9); the roster may be in another"
     " encoding such as Windows-1252: save it as 'CSV UTF-8' from your spreadsheet"),
    ("unsupported-script", "roster.csv:3:1: name: 'Wei Zhang \U0001F642' has characters the font"
     " cannot draw: \U0001F642 (the fonts NotoSans, NotoSansRTL, NotoSansSymbols, NotoSansSymbols2,"
     " NotoSansCJKsc have no glyph for them)"),
])
def test_bad_roster_is_located_and_writes_nothing(series: Path, monkeypatch: pytest.MonkeyPatch,
                                                   fixture: str, message: str) -> None:
    shutil.copy(ROSTERS / f"{fixture}.csv", series / "roster.csv")
    monkeypatch.chdir(series)
    result = run_cli("print", "module4", "--participants", "24", "--roster", "roster.csv",
                     expect_ok=False)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [message, SUMMARY]
    assert not (series / "output").exists()


def test_every_roster_problem_at_once(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (series / "roster.csv").write_text(
        "Full name,Department,E-mail\n,Finance,a@example.org\nAna Lima,Finance\n"
        "Bo Berg,Finance,not-an-address\nCy Dahl,Finance,c@example.org,extra\n",
        encoding="utf-8")
    monkeypatch.chdir(series)
    result = run_cli("print", "module4", "--roster", "roster.csv", expect_ok=False)
    assert result.stderr.splitlines() == [
        "roster.csv:2:1: name: the name is empty",
        # Line 3 is cut short: its email is blank, which is allowed.
        "roster.csv:4:3: email: 'not-an-address' is not an email address",
        "roster.csv:5:1: too many cells: this row has 4, the header has 3 (Full name, Department,"
        " E-mail); put a value that holds a comma in double quotes",
        "Aborted: 3 errors in the roster; nothing was written.",
    ]


@pytest.mark.parametrize("options, message", [
    (["--participants", "0"], "Error: --participants: must be 1 or more, got 0"),
    (["--participants", "-3"], "Error: --participants: must be 1 or more, got -3"),
    (["--participants", "24000"], "Error: --participants: at most 2000, got 24000"),
    (["--participants", "5", "--paper", "legal"],
     "Error: --paper: unknown paper size 'legal'; choose one of: letter, a4"),
    ([], "Error: say how many participants to print for: --participants 24, or give a roster:"
         " --roster roster.csv"),
    (["--participants", "5", "--date", "2026-13-01"],
     "Error: --date: expected a date such as 2026-09-14, got '2026-13-01'"),
    (["--participants", "5", "--roster", "nowhere.csv"],
     "nowhere.csv: cannot read the roster: No such file or directory"),
])
def test_bad_option_is_a_clear_error(series: Path, monkeypatch: pytest.MonkeyPatch,
                                     options: list[str], message: str) -> None:
    monkeypatch.chdir(series)
    result = run_cli("print", "module4", *options, expect_ok=False)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == message
    assert "Traceback" not in result.output
    assert not (series / "output").exists()


def test_a_failed_reprint_keeps_the_previous_set(series: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(series)
    run_cli("print", "module4", "--participants", "4")
    folder = series / "output" / "module4" / "print"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    shutil.copy(ROSTERS / "too-many-cells.csv", series / "roster.csv")
    run_cli("print", "module4", "--roster", "roster.csv", expect_ok=False)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_print_needs_modules_or_all(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(series)
    result = run_cli("print", "--participants", "3", expect_ok=False)
    assert result.stderr.splitlines() == [
        "Error: name the modules to print (handouts print module4 --participants 24), or use --all"]


def test_more_names_than_participants_prints_for_everyone(series: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(ROSTERS / "roster.csv", series / "roster.csv")
    monkeypatch.chdir(series)
    result = run_cli("print", "module4", "--participants", "5", "--roster", "roster.csv")
    assert result.stderr.splitlines() == [
        "warning: roster.csv has 10 names, more than --participants 5: printing for 10"]
    folder = series / "output" / "module4" / "print"
    assert "module4,Participant packet,participant-packet.pdf,6,3,10," in \
        (folder / "print-list.csv").read_text("utf-8")
