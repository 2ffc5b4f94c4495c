"""Answers in every script and language: report labels that fit, translated choices counted as theirs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import REPO, run_cli
from tests.pdftext import pdf_text
from tests.test_collect import read_csv, save

SURVEY = "workshop-survey"


def _words(path: Path) -> list[tuple[str, float, float]]:
    """(word, xMin, xMax) of every word pdftotext finds on the first page."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(m[3], float(m[1]), float(m[2])) for m in
            re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                        out)]


def test_report_bar_labels_in_chinese_and_arabic_fit_their_column(tmp_path: Path) -> None:
    root = tmp_path / "reference"
    shutil.copytree(REPO / "examples" / "reference", root)
    answers = tmp_path / "answers"
    answers.mkdir()
    chinese = "非常同意这个研讨会对我的日常工作很有帮助而且我会推荐给同事"
    save(answers / "a.json", SURVEY, "zh-Hans", {f"{SURVEY}.q1": chinese})
    save(answers / "b.json", SURVEY, "ar", {f"{SURVEY}.q3": "موافق جدا"})
    run_cli("collect", "real-handouts", str(answers), "--project", str(root))
    report = root / "output" / "real-handouts" / "evaluation.pdf"
    words = _words(report)
    left_margin = 54 - 1
    assert all(x_min >= left_margin for _, x_min, _ in words), [w for w in words if w[1] < left_margin]
    drawn = "".join(word for word, _, _ in words)
    assert chinese[:8] in drawn  # cut to its column with an ellipsis, in the CJK font
    text = subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "موافق جدا" in text
    fonts = {str(f["/BaseFont"]) for page in PdfReader(report).pages
             for f in page["/Resources"]["/Font"].values()}
    assert any("CJK" in f for f in fonts) and any("RTL" in f for f in fonts)


def _series_with_choices(root: Path) -> Path:
    """The five-language test series, cut to English and Spanish, with two choice questions."""
    shutil.copytree(REPO / "tests" / "data" / "languages", root)
    config = root / "handouts.yaml"
    config.write_text(config.read_text("utf-8").replace("[en, es, vi, zh-Hans, ar]", "[en, es]"),
                      "utf-8")
    for name, questions in (
            ("reflection.yaml", '      - text: Was the session useful?\n'
                                '        options: [Agree, Not sure, "**Disagree**"]\n'
                                '      - text: What will you bring next time?\n'
                                '        options: [Coffee, Tea]\n        select: many\n'),
            ("reflection.es.yaml", '      - text: ¿Fue útil la sesión?\n'
                                   '        options: [De acuerdo, No estoy seguro, "**En desacuerdo**"]\n'
                                   '      - text: ¿Qué traerá la próxima vez?\n'
                                   '        options: [Café, Té]\n        select: many\n')):
        path = root / "content" / "handouts" / name
        path.write_text(_insert_questions(path.read_text("utf-8"), questions), "utf-8")
    return root


def _insert_questions(text: str, questions: str) -> str:
    """The questions added at the end of the handout's first questions block."""
    head, chart = text.split("  - chart:", 1)
    return head + questions + "  - chart:" + chart


def test_translated_choices_count_as_the_choices_they_translate(tmp_path: Path) -> None:
    root = _series_with_choices(tmp_path / "series")
    run_cli("build", "module1", "--language", "es", "--format", "html", "--project", str(root))
    page = (root / "output" / "module1" / "es" / "html" / "reflection.html").read_text("utf-8")
    # Values named from the English options, the one written with markup too.
    assert 'value="agree"' in page and 'value="disagree"' in page and "desacuerdo\"" not in page
    assert 'name="reflection.q4.coffee"' in page
    answers = tmp_path / "answers"
    answers.mkdir()
    # Saved from an older Spanish page, whose values were the Spanish options' own.
    save(answers / "a.json", "reflection", "es", {"reflection.q3": "de-acuerdo",
                                                   "reflection.q4.café": "Yes"})
    save(answers / "b.json", "reflection", "es", {"reflection.q3": "en-desacuerdo"})
    save(answers / "c.json", "reflection", "es", {"reflection.q3": "agree",
                                                   "reflection.q4.coffee": "Yes",
                                                   "reflection.q4.tea": "Yes"})
    run_cli("collect", "module1", str(answers), "--project", str(root))
    rows = read_csv(root / "output" / "module1" / "responses.csv")
    assert [row["reflection.q3"] for row in rows] == ["agree", "disagree", "agree"]
    assert [row["reflection.q4.coffee"] for row in rows] == ["Yes", "", "Yes"]
    assert "reflection.q4.café" not in rows[0]
    words = pdf_text(root / "output" / "module1" / "evaluation.pdf")
    assert "Agree 2 Not sure 0 Disagree 1 3 answered" in words, words
    assert "Coffee 2 Tea 1" in words and "de-acuerdo" not in words and "Café" not in words
