"""``handouts new``: a series that builds at once, and modules and handouts added to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from cs_handouts.scaffold.new import add_to_module_list
from tests.conftest import run_cli


@pytest.fixture
def started(tmp_path: Path) -> Path:
    run_cli("new", str(tmp_path / "my-series"))
    return tmp_path / "my-series"


def test_a_new_series_builds_at_once_without_a_warning(started: Path) -> None:
    assert (started / "handouts.yaml").read_text().startswith("# handouts.yaml")
    result = run_cli("build", "module1", "--project", str(started))
    assert result.stderr == ""
    out = started / "output" / "module1"
    names = sorted(p.name for p in out.glob("*.pdf"))
    assert names == ["facilitator-guide.pdf", "participant-packet.pdf", "reflection-form.pdf",
                     "what-we-bring.pdf"]
    guide = "".join(page.extract_text() for page in PdfReader(out / "facilitator-guide.pdf").pages)
    assert "Activity 1: What We Bring" in guide and "Activity 2: Sharing at Our Tables" in guide
    assert "My Series" in guide
    fields = PdfReader(out / "reflection-form.pdf").get_fields() or {}
    assert len(fields) >= 5  # name, school, date, scale choices, answers
    assert "Next: cd " in run_cli("new", str(started.parent / "second")).stdout
    validated = run_cli("validate", "--project", str(started))
    assert validated.stderr == "" and "no errors" in validated.stdout


def test_new_module_and_handouts_are_listed_and_build(started: Path) -> None:
    project = ("--project", str(started))
    run_cli("new", "module", "closing-module", *project)
    assert "  - module1\n  - closing-module\n" in (started / "handouts.yaml").read_text()
    assert "number: 2" in (started / "content/modules/closing-module.yaml").read_text()
    for kind in ("worksheet", "form", "reading"):
        run_cli("new", "handout", f"a-{kind}", "--kind", kind, *project)
        text = (started / f"content/handouts/a-{kind}.yaml").read_text()
        assert f"kind: {kind}" in text and "title: A " in text
    result = run_cli("build", "closing-module", *project)
    assert result.stderr == ""
    assert (started / "output/closing-module/facilitator-guide.pdf").is_file()
    run_cli("validate", *project)


def test_new_never_overwrites_a_file(started: Path) -> None:
    config = (started / "handouts.yaml").read_bytes()
    result = run_cli("new", str(started), expect_ok=False)
    assert result.exit_code == 1
    assert "already exists; nothing was written" in result.stderr
    assert (started / "handouts.yaml").read_bytes() == config
    result = run_cli("new", "handout", "reflection-form", "--project", str(started),
                     expect_ok=False)
    assert result.exit_code == 1 and "reflection-form.yaml: already exists" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["new", "module", "Bad Id"], "a module id is lower-case letters"),
    (["new", "module"], "name the new module: handouts new module ID"),
    (["new", "handout", "x", "--kind", "poster"], "--kind: expected worksheet, form, reading, got 'poster'"),
    (["new", "moduel", "two"], "expected 'module' or 'handout' before the id"),
])
def test_new_says_what_is_wrong(started: Path, args: list[str], message: str) -> None:
    result = run_cli(*args, "--project", str(started), expect_ok=False)
    assert result.exit_code != 0 and message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("config", "expected"), [
    ("modules: [a, b]  # order\n", "modules: [a, b, c]  # order\n"),
    ("modules: []\n", "modules: [c]\n"),
    ("modules:\n  - a\n  # later: b\n  - b\ntitle: x\n",
     "modules:\n  - a\n  # later: b\n  - b\n  - c\ntitle: x\n"),
    ("modules:\n    - a\n", "modules:\n    - a\n    - c\n"),
    ("modules:\n  - c\n", "modules:\n  - c\n"),
])
def test_adding_to_the_module_list_keeps_the_file(config: str, expected: str) -> None:
    assert add_to_module_list(config, "c") == expected
    assert add_to_module_list("title: x\n", "c") is None
