"""The conventions of a Typer tool, and validate finding what build finds (short of layout)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from cs_handouts.cli import app
from tests.conftest import REPO, run_cli


def test_help_shows_choices_and_no_bool() -> None:
    for command in (["build"], ["print"], ["new"], ["validate"], ["template", "copy"], []):
        text = run_cli(*command, "--help").stdout
        assert "<bool>" not in text, command
    # Four choices need a terminal wider than 80 columns to stay on one line.
    wide = CliRunner().invoke(app, ["build", "--help"], env={"COLUMNS": "100"}).stdout
    assert "[pdf|html|accessible|all]" in wide
    assert "[letter|a4]" in run_cli("print", "--help").stdout
    assert "[worksheet|form|reading]" in run_cli("new", "--help").stdout
    root = run_cli("--help").stdout
    assert "--install-completion" in root and "--show-completion" in root


def test_every_command_takes_project(series: Path, tmp_path: Path) -> None:
    project = ("--project", str(series))
    for command in (["validate"], ["list"], ["build", "module4", "--format", "html"],
                    ["new", "handout", "extra"], ["template", "copy", "style.css"]):
        run_cli(*command, *project)


@pytest.mark.parametrize("command", [["validate"], ["list"], ["build", "module4"],
                                     ["print", "module4", "--participants", "3"],
                                     ["new", "module", "x"], ["template", "copy", "page.html"]])
def test_not_found_names_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     command: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(*command, expect_ok=False)
    assert result.exit_code == 1
    shown = " ".join(word for word in command if not word.startswith("-") and word != "module4"
                     and not word.isdigit() and word not in ("x", "page.html"))
    assert f"name it: handouts {shown} --project PATH" in result.stderr
    assert "handouts new PATH" in result.stderr


def test_quiet_and_verbose_after_the_command(series: Path) -> None:
    project = ("--project", str(series))
    quiet = run_cli("build", "module4", "--format", "html", *project, "--quiet")
    assert quiet.stdout == "" and quiet.stderr == ""
    verbose = run_cli("build", "module3", "module4", "--format", "html", "--force", *project, "-v")
    assert "wrote output" in verbose.stdout or "wrote " in verbose.stdout
    assert verbose.stdout.count("wrote ") >= 6  # every file of both modules
    normal = run_cli("build", "module3", "module4", "--format", "html", "--force", *project)
    assert "wrote " not in normal.stdout
    before = run_cli("-q", "validate", *project)
    assert before.stdout == ""


def test_a_shared_error_is_printed_once_with_every_module_it_stops(series: Path) -> None:
    form = series / "content" / "handouts" / "reflection-form.yaml"
    form.write_text(form.read_text().replace("points: 5", "points: many"))
    result = run_cli("build", "--all", "--format", "html", "--project", str(series),
                     expect_ok=False)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "reflection-form.yaml" in line]
    assert len(lines) == 1, result.stderr
    assert re.search(r"\(stops module\d, module\d", lines[0])


def test_a_warning_is_printed_once(series: Path) -> None:
    module = series / "content" / "modules" / "module4.yaml"
    module.write_text(module.read_text().replace("minutes: 20", "minutes: 25", 1))
    result = run_cli("build", "--all", "--format", "html", "--project", str(series))
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == len(set(warnings)) == 1


def test_validate_renders_the_project_templates_with_the_real_context(series: Path) -> None:
    (series / "templates" / "guide.html").write_text(
        '{% extends "!builtin/guide.html" %}\n{% block title %}{{ module.titel }}{% endblock %}\n')
    for command in ("validate", "build"):
        args = [command] + (["module4", "--format", "html"] if command == "build" else [])
        result = run_cli(*args, "--project", str(series), expect_ok=False)
        assert result.exit_code == 1
        assert "templates/guide.html:2: unknown variable:" in result.stderr
        assert "titel" in result.stderr


def test_a_misspelled_label_block_is_an_error(series: Path) -> None:
    (series / "templates" / "labels.txt").write_text(
        '{% extends "!builtin/labels.txt" %}\n'
        '{% block materials_heading %}What to Bring{% endblock %}\n'
        '{% block materails_heading %}Oops{% endblock %}\n')
    for args in (["validate"], ["build", "module4"]):
        result = run_cli(*args, "--project", str(series), expect_ok=False)
        assert result.exit_code == 1
        assert ("templates/labels.txt:3: no label block 'materails_heading'; did you mean"
                " 'materials_heading'?") in result.stderr


def test_the_theme_schema_accepts_the_builtin_theme() -> None:
    schema = json.loads(run_cli("schema", "theme").stdout)
    builtin = yaml.safe_load((REPO / "src/cs_handouts/templates/theme.yaml").read_text())
    jsonschema.validate(builtin, schema)
    jsonschema.validate({"sizes": {"body": 12}}, schema)  # a project's theme.yaml is partial
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"sizes": {"boddy": 12}}, schema)


def test_template_copy_starts_an_override(series: Path) -> None:
    listed = run_cli("template", "list").stdout
    assert "theme.yaml" in listed and "labels.txt" in listed and "page.html" in listed
    project = ("--project", str(series))
    run_cli("template", "copy", "theme.yaml", "labels.txt", *project)
    copied = (series / "templates" / "theme.yaml").read_text()
    assert copied == (REPO / "src/cs_handouts/templates/theme.yaml").read_text()
    again = run_cli("template", "copy", "theme.yaml", *project, expect_ok=False)
    assert again.exit_code == 1 and "already exists; nothing was written" in again.stderr
    wrong = run_cli("template", "copy", "them.yaml", *project, expect_ok=False)
    assert "did you mean 'theme.yaml'?" in wrong.stderr
    run_cli("build", "module4", "--format", "pdf", *project)
