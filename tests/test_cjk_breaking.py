"""Chinese lines break with kinsoku: no full-width comma or closing bracket starts a line,
no opening bracket ends one, in paragraphs, boxes and chart cells alike."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cs_handouts.text.breaking import NO_END, NO_START
from tests.conftest import DATA, run_cli

# Commas, stops and brackets every few characters: a break between any two characters
# would put one at a line's start or end somewhere in these widths.
LONG = "我们今天学习，你们明天（他们）复习。「请」先读《手册》，再回答问题：为什么？" * 4
CELL = "人员（或小组），以及他们需要我做什么。" * 3


@pytest.fixture(scope="module")
def chinese(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cjk") / "series"
    shutil.copytree(DATA / "languages", root)
    path = root / "content/handouts/reflection.zh-Hans.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"instructions: .*", f"instructions: {LONG}", text)  # a shaded box
    text = text.replace("      - text: 谁依赖你来做好他们的工作？", f"      - text: {LONG}")
    text = text.replace("columns: [人员或小组, 他们需要我做什么]", f"columns: [{CELL}, {CELL}]")
    path.write_text(text, encoding="utf-8")
    run_cli("build", "module1", "--language", "zh-Hans", "--project", str(root))
    return root / "output/module1/zh-Hans/reflection.pdf"


def _lines(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    # -layout keeps the chart's two columns side by side: split them at wide gaps.
    return [piece.strip() for line in out.splitlines() for piece in re.split(r"\s{3,}", line)
            if piece.strip()]


def test_no_line_starts_or_ends_against_kinsoku(chinese: Path) -> None:
    lines = [line for line in _lines(chinese) if re.search("[\u4e00-\u9fff]", line)]
    assert sum(1 for line in lines if "我们今天学习" in line or "复习" in line) >= 4, lines
    bad = [line for line in lines if line[0] in NO_START or line[-1] in NO_END]
    assert not bad, bad


def test_every_character_is_printed_in_order(chinese: Path) -> None:
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(chinese), "-"],
                                             capture_output=True, text=True, check=True).stdout)
    assert LONG in text
