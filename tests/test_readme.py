"""The README's examples stay true: its YAML validates and its commands exist."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cs_handouts.content.model import Handout, Module
from cs_handouts.content.yamlsource import read_yaml
from tests.conftest import REPO, run_cli

README = (REPO / "README.md").read_text(encoding="utf-8")
YAML_BLOCKS = re.findall(r"```yaml\n(.*?)```", README, re.DOTALL)


@pytest.mark.parametrize(("marker", "model"), [("number: 2", Module), ("kind: worksheet", Handout),
                                               ("kind: form", Handout)])
def test_readme_examples_validate(tmp_path: Path, marker: str, model: type) -> None:
    block = next(b for b in YAML_BLOCKS if b.startswith(marker))
    path = tmp_path / "example.yaml"
    path.write_text(block, encoding="utf-8")
    model.model_validate(read_yaml(path).data)


def test_readme_opens_with_the_two_commands() -> None:
    commands = re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)
    assert commands[0].endswith("handouts build module4")
    assert commands[1].endswith("python -m pytest")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_readme_commands_have_help() -> None:
    for command in sorted(set(re.findall(r"`handouts (\w+)", README))):
        assert run_cli(command, "--help").exit_code == 0, command


def test_the_readme_series_and_module_build_as_written_in_a_new_series(tmp_path: Path) -> None:
    run_cli("new", str(tmp_path / "my-series"))
    root = tmp_path / "my-series"
    config = next(b for b in YAML_BLOCKS if b.startswith("title: "))
    module = next(b for b in YAML_BLOCKS if b.startswith("number: 2"))
    (root / "handouts.yaml").write_text(config, encoding="utf-8")
    (root / "content" / "modules" / "module2.yaml").write_text(module, encoding="utf-8")
    for key in ("title:", "subtitle:", "organization:", "facilitator:", "date:", "language:",
                "paper:", "modules:", "variables:", "brand:", "sessions:"):
        assert f"\n{key}" in "\n" + config, key  # the whole file: every key of the series
    result = run_cli("build", "--all", "--project", str(root))
    assert result.stderr == "", result.stderr  # not even a warning
    assert (root / "output" / "module2" / "facilitator-guide.pdf").is_file()
    assert (root / "output" / "series" / "agenda.pdf").is_file()


def test_the_bench_commands_run_as_written() -> None:
    commands = re.findall(r"([\w./]*python) (bench/\w+\.py|-m tests\.\w+)", README)
    assert len(commands) >= 5
    for python, script in commands:
        assert python == ".venv/bin/python", script
        if script.startswith("bench/"):
            assert (REPO / script).is_file(), script


def test_the_share_of_a_build_outside_reportlab_is_measured(series: Path) -> None:
    """bench/bench.py's last figure: a fresh process builds module 4 with clocks around
    ReportLab's layout and writing (they must still be where the build calls them)."""
    spec = importlib.util.spec_from_file_location("bench_figures", REPO / "bench" / "bench.py")
    assert spec is not None and spec.loader is not None
    figures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(figures)
    done = subprocess.run([sys.executable, "-c", figures._SHARE, str(series), "pdf"],
                          capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "HANDOUTS_ACCESSIBLE": "0"})
    assert done.returncode == 0, done.stderr
    total, in_reportlab = (float(figure) for figure in done.stdout.split())
    assert 0 < in_reportlab < total
    assert (series / "output" / "module4" / "participant-packet.pdf").is_file()
