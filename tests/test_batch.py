"""Batch builds: the whole series in parallel, incremental rebuilds, broken modules, the list."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli


def outputs(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every PDF below ``folder`` with its bytes and modification time."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*.pdf"))}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} changed; update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


MODULES = [f"module{n}" for n in range(1, 7)]


def test_build_all_writes_every_module_and_the_series(series: Path) -> None:
    result = run_cli("build", "--all", "--jobs", "2", "--project", str(series))
    for mid in MODULES:
        assert (series / "output" / mid / "facilitator-guide.pdf").is_file()
        assert (series / "output" / mid / "participant-packet.pdf").is_file()
        assert mid in result.stdout
    names = sorted(p.name for p in (series / "output" / "series").iterdir())
    assert names == ["agenda.pdf", "facilitator-binder.pdf", "materials.pdf", "overview.pdf",
                     "sessions.ics"]
    header = result.stdout.splitlines()[0]
    for column in ("Module", "Documents", "Pages", "Seconds"):
        assert column in header
    # PDFs and web pages; the web font files beside the pages are not documents. (93 pages:
    # the overview is one page, its sessions banded into the modules' table.)
    assert result.stdout.rstrip().splitlines()[-1].startswith("Built 69 documents, 93 pages, ")


def test_rebuild_with_nothing_changed_renders_nothing(series: Path) -> None:
    run_cli("build", "--all", "--project", str(series))
    before = outputs(series / "output")
    result = run_cli("build", "--all", "--project", str(series))
    assert result.stdout == "Nothing to build: everything is up to date (--force rebuilds it all).\n"
    assert outputs(series / "output") == before
    result = run_cli("build", "module2", "module4", "--project", str(series))
    assert result.stdout.startswith("Nothing to build")


def test_one_changed_module_rebuilds_only_it_and_the_series(series: Path) -> None:
    run_cli("build", "--all", "--project", str(series))
    before = outputs(series / "output")
    edit(series / "content/modules/module2.yaml", "Listening in Pairs", "Listening in Twos")
    result = run_cli("build", "--all", "--project", str(series))
    after = outputs(series / "output")
    changed = sorted({name.split("/")[0] for name in after if after[name] != before[name]})
    assert changed == ["module2", "series"]
    assert "Listening in Twos" in result.stdout or "module2" in result.stdout
    assert "5 up to date" in result.stdout


@pytest.mark.parametrize(("path", "old", "new"), [
    ("content/handouts/reflection-form.yaml", "How could this module be improved?",
     "How could this module be better?"),
    ("handouts.yaml", "organization: Maple Valley School District",
     "organization: Maple Valley Unified School District"),
    ("templates/theme.yaml", None, "sizes:\n  body: 11\n"),
])
def test_a_shared_input_rebuilds_every_module(series: Path, path: str, old: str | None,
                                              new: str) -> None:
    run_cli("build", "--all", "--project", str(series))
    before = outputs(series / "output")
    target = series / path
    if old is None:
        target.parent.mkdir(exist_ok=True)
        target.write_text(new, encoding="utf-8")
    else:
        edit(target, old, new)
    run_cli("build", "--all", "--project", str(series))
    after = outputs(series / "output")
    rebuilt = {name.split("/")[0] for name in after if after[name][1] != before[name][1]}
    assert rebuilt == {*MODULES, "series"}


def test_force_rebuilds_everything_byte_for_byte(series: Path) -> None:
    run_cli("build", "--all", "--jobs", "2", "--project", str(series))
    before = outputs(series / "output")
    run_cli("build", "--all", "--force", "--jobs", "1", "--project", str(series))
    after = outputs(series / "output")
    assert after.keys() == before.keys()
    for name in after:
        assert after[name][0] == before[name][0], f"{name} is not byte-identical"
        assert after[name][1] != before[name][1], f"{name} was not rebuilt"


def test_a_deleted_output_is_rebuilt(series: Path) -> None:
    run_cli("build", "module4", "--project", str(series))
    (series / "output/module4/reflection-form.pdf").unlink()
    result = run_cli("build", "module4", "--project", str(series))
    assert "wrote output/module4/reflection-form.pdf" in result.stdout.replace(str(series) + "/", "")


def test_a_broken_module_does_not_stop_the_others(series: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    edit(series / "content/modules/module3.yaml", "grouping: pairs", "groupng: pairs")
    edit(series / "content/handouts/first-impressions.yaml", "kind: worksheet", "kind: worksheeet")
    monkeypatch.chdir(series)
    result = run_cli("build", "--all", "--jobs", "2", expect_ok=False)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "content/handouts/first-impressions.yaml:1:7: kind: expected one of 'worksheet', 'form'"
        " or 'reading', got 'worksheeet'; did you mean 'worksheet'?",
        "content/modules/module3.yaml:32:5: activities[0].groupng: unknown key 'groupng';"
        " did you mean 'grouping'?",
        "series: not built, because some modules failed",
        "Failed: 2 of 6 modules (module2, module3); the other 4 were built.",
    ]
    for mid in ("module1", "module4", "module5", "module6"):
        assert (series / "output" / mid / "facilitator-guide.pdf").is_file()
    for mid in ("module2", "module3", "series"):
        assert not (series / "output" / mid).exists()
    # The one broken module alone: its located errors, and nothing written.
    result = run_cli("build", "module3", expect_ok=False)
    assert result.stderr.splitlines() == [
        "content/modules/module3.yaml:32:5: activities[0].groupng: unknown key 'groupng';"
        " did you mean 'grouping'?",
        "Aborted: 1 error in content; nothing was written.",
    ]
    # Fixed, it builds; the good modules stay up to date.
    edit(series / "content/modules/module3.yaml", "groupng: pairs", "grouping: pairs")
    result = run_cli("build", "module3", "module4")
    assert "module4" in result.stdout and "up to date" in result.stdout


def test_list_prints_the_series(series: Path) -> None:
    result = run_cli("list", "--project", str(series))
    lines = result.stdout.splitlines()
    assert lines[0] == "Caring Customer Service in Schools"
    assert [c for c in ("Id", "Number", "Title", "Minutes", "Handouts") if c in lines[1]] == [
        "Id", "Number", "Title", "Minutes", "Handouts"]
    row = next(line for line in lines if line.lstrip().startswith("module4"))
    assert row.split("│")[1:] and "Internal Customer Service" in row
    assert [cell.strip() for cell in row.split("│")] == [
        "module4", "4", "Internal Customer Service", "20", "3"]
    assert lines[-1] == "6 modules, 150 minutes."


def test_web_fonts_are_copied_once_and_documents_rewritten(series: Path) -> None:
    run_cli("build", "module4", "--project", str(series))
    folder = series / "output" / "module4"
    font = sorted((folder / "html" / "fonts").iterdir())[0]
    copy = font.read_bytes()
    before = {p: p.stat().st_mtime_ns for p in (font, folder / "reflection-form.pdf")}
    result = run_cli("build", "module4", "--force", "--project", str(series))
    assert font.stat().st_mtime_ns == before[font]  # the same bytes: not written again
    assert (folder / "reflection-form.pdf").stat().st_mtime_ns != before[folder / "reflection-form.pdf"]
    assert "Built 10 documents, 13 pages" in result.stdout  # 5 PDFs and 5 pages; no fonts
    font.write_bytes(b"damaged")
    run_cli("build", "module4", "--force", "--project", str(series))
    assert font.read_bytes() == copy  # a changed copy is replaced
