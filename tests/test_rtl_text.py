"""Right-to-left text read back in reading order: styles, numbers, Latin words and blanks kept."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import DATA, run_cli
from tests.pdftext import field_names

INSTRUCTIONS = ("أجب عن **كل سؤال** في *بضع جمل* خلال 20 دقيقة من Internal Customer Service،"
                " ثم شارك إجابة واحدة مع طاولتك.")
QUESTION = "من يعتمد عليك في الوحدة 4 لأداء عمله بشكل جيد؟ الاسم {{ blank }} والرقم {{ blank(10) }}"
ENGLISH_QUESTION = "Who depends on you to do their job well? Name {{ blank }} and number {{ blank(10) }}"
# An Arabic phrase with a number inside a left-to-right paragraph that also needs CJK and symbols.
MIXED = "Answer **each question** (say مرحبا بكم في الوحدة 4 or 你好 → ok), then share one answer."
_BIDI_MARKS = re.compile("[\u202a-\u202e\u200e\u200f]")


def _plain(markup: str) -> str:
    return re.sub(r"\{\{ blank(\(\d+\))? \}\}", "", markup).replace("*", "")


def _squeezed(text: str) -> str:
    """NFKC (shaped Arabic reads as letters), without bidi marks, white space and blanks."""
    text = unicodedata.normalize("NFKC", _BIDI_MARKS.sub("", text))
    return re.sub(r"[\s_]+", "", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The languages series with styled, numbered, mixed text and blanks, English and Arabic."""
    root = tmp_path_factory.mktemp("rtl") / "series"
    shutil.copytree(DATA / "languages", root)
    arabic = root / "content/handouts/reflection.ar.yaml"
    text = arabic.read_text(encoding="utf-8")
    text = re.sub(r"instructions: .*", f"instructions: {INSTRUCTIONS}", text)
    text = text.replace("      - text: من يعتمد عليك لأداء عمله بشكل جيد؟",
                        f'      - text: "{QUESTION}"')
    arabic.write_text(text, encoding="utf-8")
    english = root / "content/handouts/reflection.yaml"
    text = english.read_text(encoding="utf-8")
    text = re.sub(r"instructions: .*", f'instructions: "{MIXED}"', text)
    text = text.replace("      - text: Who depends on you to do their job well?",
                        f'      - text: "{ENGLISH_QUESTION}"')
    english.write_text(text, encoding="utf-8")
    run_cli("build", "module1", "--project", str(root))
    run_cli("build", "module1", "--language", "ar", "--project", str(root))
    return root / "output/module1"


def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _pypdf(path: Path) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _words(text: str) -> str:
    """Letters, marks and digits only: pdftotext's own reordering moves a comma or question
    mark at a change of direction to the other side of the Latin words."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LMN")


def test_an_arabic_paragraph_reads_in_order_with_pypdf(built: Path) -> None:
    text = _squeezed(_pypdf(built / "ar/reflection.pdf"))
    for sentence in (INSTRUCTIONS, QUESTION):
        assert _squeezed(_plain(sentence)) in text, (sentence, text)


def test_an_arabic_paragraph_reads_in_order_with_pdftotext(built: Path) -> None:
    text = _words(_pdftotext(built / "ar/reflection.pdf"))
    for sentence in (INSTRUCTIONS, QUESTION):
        assert _words(_plain(sentence)) in text, (sentence, text)


def test_an_arabic_phrase_in_a_left_to_right_paragraph_reads_in_order(built: Path) -> None:
    path = built / "reflection.pdf"
    # pypdf follows the content stream: the runs are written in reading order.
    assert _squeezed(_plain(MIXED)) in _squeezed(_pypdf(path))
    # pdftotext orders by position: the phrase is whole and not reversed, the number beside it.
    text = _words(_pdftotext(path))
    assert _words("Answer each question say") in text and _words("你好 ok then share") in text
    assert _words("مرحبا بكم في الوحدة") in text, text


def _runs(path: Path) -> list[tuple[str, str, list[float]]]:
    """(text, font, matrix) of every text run on the first page."""
    found: list[tuple[str, str, list[float]]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, *_: object) -> None:
        if text.strip() and isinstance(font, dict):
            found.append((unicodedata.normalize("NFKC", text.strip()), str(font["/BaseFont"]),
                          list(cm)))

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return found


def test_bold_and_italic_are_kept_in_an_arabic_paragraph(built: Path) -> None:
    runs = _runs(built / "ar/reflection.pdf")
    bold = [font for text, font, _ in runs if text == "كل سؤال"]
    assert bold and all(font.endswith("NotoSansRTL-Bold") for font in bold), runs
    # NotoSansRTL has no italic: the run is slanted instead, and nothing else is.
    italic = [cm for text, _, cm in runs if text == "بضع جمل"]
    assert italic and italic[0][2] > 0.1, runs
    assert all(cm[2] == 0 for text, _, cm in runs if text != "بضع جمل")


def test_blanks_in_an_arabic_paragraph_are_the_same_fields(built: Path) -> None:
    english, arabic = built / "reflection.pdf", built / "ar/reflection.pdf"
    assert field_names(arabic) == field_names(english)
    assert {"reflection.q1.blank1", "reflection.q1.blank2"} <= field_names(arabic)

    def left(path: Path, name: str) -> float:
        field = (PdfReader(path).get_fields() or {})[name]
        for annotation in PdfReader(path).pages[0].get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/T") == field.get("/T"):
                return float(annotation["/Rect"][0])
        raise AssertionError(name)

    # The first blank is read first: at the right in Arabic, at the left in English.
    assert left(arabic, "reflection.q1.blank1") > left(arabic, "reflection.q1.blank2")
    assert left(english, "reflection.q1.blank1") < left(english, "reflection.q1.blank2")


def _rects(path: Path) -> dict[str, list[float]]:
    """Each field's rectangle on the first page, by name."""
    found: dict[str, list[float]] = {}
    for annotation in PdfReader(path).pages[0].get("/Annots") or []:
        annotation = annotation.get_object()
        name = annotation.get("/T") or annotation.get("/Parent", {}).get("/T")
        if name:
            found[str(name)] = [float(v) for v in annotation["/Rect"]]
    return found


def test_a_right_to_left_page_is_mirrored(built: Path) -> None:
    english, arabic = _rects(built / "reflection.pdf"), _rects(built / "ar/reflection.pdf")
    # Field rows: the first field ("Name") at the left in English, at the right in Arabic.
    assert english["reflection.info.name"][0] < english["reflection.info.date"][0]
    assert arabic["reflection.info.name"][0] > arabic["reflection.info.date"][0]
    # Charts: the first column at the right.
    assert english["reflection.chart1.r1c1"][0] < english["reflection.chart1.r1c2"][0]
    assert arabic["reflection.chart1.r1c1"][0] > arabic["reflection.chart1.r1c2"][0]
    # A label sits on the side its line starts: right of the field in Arabic.
    width = float(PdfReader(built / "ar/reflection.pdf").pages[0].mediabox.width)
    assert arabic["reflection.info.name"][2] < width - 36 - 20
    positions: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        for word in ("الصفحة", "منطقة", "1"):
            if unicodedata.normalize("NFKC", text).strip().startswith(word):
                positions.setdefault(word, cm[4] + tm[4] * cm[0])

    PdfReader(built / "ar/reflection.pdf").pages[0].extract_text(visitor_text=visit)
    # The footer: "Page 1 of 1" at the right, the organization at the left.
    assert positions["الصفحة"] > width / 2 > positions["منطقة"], positions
