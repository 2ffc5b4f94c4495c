"""Every broken input in tests/data/bad/ gives its exact located message, and changes nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.badcases import BadCase, elsewhere, load_cases
from tests.conftest import BOOKKEEPING, copy_series, opened_files, run_cli, snapshot, stamps

CASES = load_cases()


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40
    assert all(case.expect for case in CASES), "record the expectations: python -m tests.badcases --record"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gives_its_located_message(case: BadCase, tmp_path: Path, built_series: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    series = copy_series(tmp_path / "series")
    shutil.copytree(built_series / "output", series / "output")  # the previous build's files
    # Without the manifest the build cannot skip module4 as up to date: a broken file that
    # module4 does not use (a stray handout) must still be reported.
    (series / "output" / ".handouts-manifest.json").unlink(missing_ok=True)
    before = snapshot(series / "output", BOOKKEEPING)
    case.apply(series)
    outside = stamps(elsewhere(series))
    monkeypatch.chdir(series / case.cwd)
    with opened_files() as opened:
        result = run_cli(*case.args, expect_ok=False)
    assert stamps(elsewhere(series)) == outside  # nothing outside the series touched
    assert not [f for f in opened if Path(f).resolve().is_relative_to(elsewhere(series).resolve())]
    assert_never_quoted(case, result.stdout + result.stderr)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    assert result.stderr.splitlines() == case.expected(series)
    assert "Traceback" not in result.stdout
    assert snapshot(series / "output", BOOKKEEPING) == before


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_reports_what_the_build_reports(case: BadCase, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    series = copy_series(tmp_path / "series")
    case.apply(series)
    outside = stamps(elsewhere(series))
    monkeypatch.chdir(series / case.cwd)
    with opened_files() as opened:
        result = run_cli("validate", expect_ok=False)
    assert stamps(elsewhere(series)) == outside
    assert not [f for f in opened if Path(f).resolve().is_relative_to(elsewhere(series).resolve())]
    assert_never_quoted(case, result.stdout + result.stderr)
    assert isinstance(result.exception, SystemExit | None), result.exception
    if case.found_by_validate:
        # A batch build names the module before each of its problems; validate need not.
        # A batch build names the module before each of its problems, and sums up in a last
        # line; validate prints a template's error as "Error: ...". The problems are the same.
        summary = ("Aborted: ", "Failed: ")
        expected = [re.sub(r"^module\w*: ", "", line) for line in case.expected(series)
                    if not line.startswith(summary)]
        reported = [line.removeprefix("Error: ") for line in result.stderr.splitlines()
                    if not line.startswith(summary)]
        assert result.exit_code == 1
        assert reported == [line.removeprefix("Error: ") for line in expected]
    else:
        assert result.exit_code == 0, result.stderr
    assert not (series / "output").exists()


def assert_never_quoted(case: BadCase, output: str) -> None:
    """No line of a file outside the series appears in what the tool printed."""
    for text in case.elsewhere.values():
        for line in text.splitlines():
            if len(line.strip()) > 3:
                assert line.strip() not in output, f"{case.name} quoted {line!r}"
