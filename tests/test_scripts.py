"""Every script prints: fallback fonts, right to left, Chinese line breaking, embedded subsets."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import run_cli

CHINESE = ("您今天学到的最重要的想法是什么？请用一两句话写下来，然后与同桌分享。"
           "这是一个很长的句子，用来测试没有空格的中文文本如何自动换行而不会超出边框。")
ARABIC = "ما هي أهم فكرة تعلمتها اليوم في الوحدة 4 من Internal Customer Service خلال 20 دقيقة؟"
HEBREW = "מה למדת היום במודול 4 של Customer Service?"
SYMBOLS = "Arrows → and marks ✓ ★ beside Привет, Ελληνικά, Tiếng Việt"
CHART_ROW = "目标很清楚，活动帮助我思考自己的工作。这是一个很长的句子，用来测试表格中的中文换行。"
_BIDI_MARKS = re.compile("[\u202a-\u202e\u200e\u200f]")


def _question(text: str) -> str:
    return f'      - text: "{text}"\n        lines: 2\n'


@pytest.fixture(scope="module")
def scripts_series(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example series with questions and a scale statement in four more scripts, built."""
    from tests.conftest import copy_series

    root = copy_series(tmp_path_factory.mktemp("scripts") / "series")
    form = root / "content/handouts/reflection-form.yaml"
    text = form.read_text(encoding="utf-8")
    text = text.replace("      - text: What questions or concerns do you still have?\n",
                        "".join(_question(t) for t in (CHINESE, ARABIC, HEBREW, SYMBOLS))
                        + "      - text: What questions or concerns do you still have?\n", 1)
    text = text.replace("      statements:\n", f"      statements:\n        - {CHART_ROW}\n", 1)
    form.write_text(text, encoding="utf-8")
    run_cli("build", "module4", "--project", str(root))
    return root


def _pdftotext(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout


def _squeezed(text: str) -> str:
    """Without bidi marks and white space: pdftotext moves spaces around numbers in RTL lines."""
    return re.sub(r"\s+", "", _BIDI_MARKS.sub("", text))


def _pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:]]


def test_every_script_is_read_back_from_the_pdf(scripts_series: Path) -> None:
    text = _pdftotext(scripts_series / "output/module4/reflection-form.pdf")
    for sentence in (CHINESE, CHART_ROW, SYMBOLS):
        assert _squeezed(sentence) in _squeezed(text), sentence
    # Arabic and Hebrew carry their reading order as ActualText: letters, not shaped forms.
    for sentence in (ARABIC, HEBREW):
        for word in sentence.split():
            assert word.strip("?؟") in text, word
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", text), "Arabic presentation forms leaked"


def test_fallback_fonts_are_embedded_subsets(scripts_series: Path) -> None:
    rows = _pdffonts(scripts_series / "output/module4/reflection-form.pdf")
    names = {row[0].split("+", 1)[-1]: row for row in rows}
    for family in ("NotoSans-Regular", "NotoSansRTL-Regular", "NotoSansSymbols-Regular"):
        assert family in names, names
    assert any(name.startswith("NotoSansCJKsc-") for name in names), names
    for name, row in names.items():
        if name != "Helvetica":  # the form fields' font: the one allowed unembedded
            assert row[-5:-2] == ["yes", "yes", "yes"], row  # embedded, subset, ToUnicode


def test_a_chinese_page_stays_small(scripts_series: Path) -> None:
    size = (scripts_series / "output/module4/reflection-form.pdf").stat().st_size
    assert size < 1_500_000, size


def test_right_to_left_paragraphs_sit_on_the_right(scripts_series: Path) -> None:
    reader = PdfReader(scripts_series / "output/module4/reflection-form.pdf")
    width = float(reader.pages[0].mediabox.width)
    found: dict[str, list[float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        # A right-to-left number reads ".4" and is drawn in two runs: "4" then ".".
        number = text.strip().strip(".")
        if number in ("3", "4", "5", "6"):
            found.setdefault(number, []).append(cm[4] + tm[4] * cm[0])

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    # Chinese (3) and the symbols (6) are numbered on the left, Arabic (4) and Hebrew (5) on
    # the right.
    assert min(found["3"]) < width / 4 and min(found["6"]) < width / 4, found
    assert max(found["4"]) > width * 3 / 4 and max(found["5"]) > width * 3 / 4, found


def test_chinese_lines_stay_inside_the_page(scripts_series: Path) -> None:
    out = subprocess.run(["pdftotext", "-bbox", str(scripts_series
                                                     / "output/module4/reflection-form.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)"', out)
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', out)]
    assert right_edges and max(right_edges) <= float(pages[0]) - 36


def test_a_character_no_font_has_is_still_a_located_error(series: Path) -> None:
    form = series / "content/handouts/reflection-form.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("title: Reflection",
                                                             "title: Reflection 🙂", 1),
                    encoding="utf-8")
    result = run_cli("build", "module4", "--project", str(series), expect_ok=False)
    assert "reflection-form.yaml:3:19: title: the font cannot print '🙂' (U+1F642)" in result.output
