"""The README's examples stay true: its YAML validates and its commands exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cs_handouts.content.model import Handout, Module
from cs_handouts.content.yamlsource import read_yaml
from tests.conftest import REPO, run_cli

README = (REPO / "README.md").read_text(encoding="utf-8")
YAML_BLOCKS = re.findall(r"```yaml\n(.*?)```", README, re.DOTALL)


@pytest.mark.parametrize(("marker", "model"), [("number: 4", Module), ("kind: worksheet", Handout),
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
