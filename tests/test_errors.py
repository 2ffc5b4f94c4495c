"""Broken content: every mistake located, all at once, exit 1, no traceback, nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import DATA, run_cli, snapshot

CASES: list[dict[str, Any]] = yaml.safe_load((DATA / "broken_module4.yaml").read_text("utf-8"))


def break_series(root: Path, case: dict[str, Any]) -> None:
    for change in [case, *case.get("also", [])]:
        path = root / change["file"]
        text = path.read_text(encoding="utf-8")
        old, new = change["replace"]["old"], change["replace"]["new"]
        assert old in text, f"{case['name']}: the example series changed; update the case"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_broken_content_gives_located_errors(series: Path, case: dict[str, Any],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    run_cli("build", "module4", "--project", str(series))
    before = snapshot(series / "output")
    break_series(series, case)
    monkeypatch.chdir(series)  # messages show paths relative to the working directory
    result = run_cli("build", "module4", expect_ok=False)
    count = len(case["errors"])
    summary = f"Aborted: {count} error{'s' if count > 1 else ''} in content; nothing was written."
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [*case["errors"], summary]
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert snapshot(series / "output") == before


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_validate_reports_the_same_and_writes_nothing(series: Path, case: dict[str, Any],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    break_series(series, case)
    monkeypatch.chdir(series)
    result = run_cli("validate", expect_ok=False)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:-1] == case["errors"]
    assert not (series / "output").exists()


def test_unknown_module_lists_the_modules(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(series)
    result = run_cli("build", "module44", expect_ok=False)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "handouts.yaml:9:1: modules: no module 'module44'; did you mean 'module4'?"
        " The modules are: module1, module2, module3, module4, module5, module6.",
        "Aborted: 1 error in content; nothing was written.",
    ]
    assert not (series / "output").exists()


def test_no_project_file_says_how_to_fix_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("build", "module4", expect_ok=False)
    assert result.exit_code == 1
    assert "no handouts.yaml in" in result.stderr
    assert "Traceback" not in result.output


def test_validate_a_good_series_writes_nothing(series: Path) -> None:
    result = run_cli("validate", str(series))
    assert "no errors" in result.stdout
    assert not (series / "output").exists()


def test_debug_shows_the_traceback(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(series)
    result = run_cli("build", "module44", "--debug", expect_ok=False)
    assert result.exit_code == 1
    assert result.exception is not None
    assert type(result.exception).__name__ == "ContentError"


def test_material_and_timing_warnings_do_not_stop_the_build(series: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    module = series / "content" / "modules" / "module4.yaml"
    text = module.read_text(encoding="utf-8")
    text = text.replace("  - internal-customer-service-discussion-questions\n", "", 1)
    text = text.replace("  - reflection-form\n", "  - reflection-form\n  - chart paper\n", 1)
    text = text.replace("    minutes: 10\n", "    minutes: 12\n", 1)
    module.write_text(text, encoding="utf-8")
    (series / "content" / "handouts" / "spare.yaml").write_text(
        "kind: reading\ntitle: Spare\nblocks:\n  - text: Not handed out.\n", encoding="utf-8")
    text = text.replace("  - chart paper\n", "  - chart paper\n  - spare\n", 1)
    module.write_text(text, encoding="utf-8")
    monkeypatch.chdir(series)
    result = run_cli("build", "module4")
    assert result.stderr.splitlines() == [
        "content/modules/module4.yaml:3:10: minutes: warning: the segments add up to 22 minutes,"
        " but the module says minutes: 20",
        "content/modules/module4.yaml:14:5: materials[3]: warning: no step distributes 'spare'",
        "content/modules/module4.yaml:45:21: activities[1].steps[0].distribute: warning:"
        " 'internal-customer-service-discussion-questions' is distributed but not listed in"
        " materials",
    ]
    assert (series / "output" / "module4" / "spare.pdf").is_file()
