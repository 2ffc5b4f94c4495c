"""Brand, theme and template overrides, checked on the PDFs and pages a build writes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import run_cli
from tests.pdftext import page_texts, pdf_text

PDFS = ["facilitator-guide.pdf", "who-are-our-internal-customers.pdf",
        "internal-customer-service-discussion-questions.pdf", "reflection-form.pdf",
        "participant-packet.pdf"]
# The red of the maple leaf in templates/maple-valley-logo.svg, as a PDF fill colour.
LOGO_RED = ".752941 .27451 .164706 rg"


def set_brand(series: Path, brand: str) -> None:
    """Replace the example's brand: mapping (the last block of handouts.yaml) with ``brand``."""
    config = series / "handouts.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("brand:")] + brand, encoding="utf-8")


def build(series: Path, *args: str, expect_ok: bool = True) -> object:
    return run_cli("build", "module4", "--project", str(series), *args, expect_ok=expect_ok)


def page_contents(path: Path) -> list[str]:
    return [page.get_contents().get_data().decode("latin-1") for page in PdfReader(path).pages]


@pytest.mark.parametrize("name", PDFS)
def test_the_brand_is_on_every_page(module4_output: Path, name: str) -> None:
    for text in page_texts(module4_output / name):
        assert "Maple Valley School District" in text
        assert "Office of Professional Learning · (555) 010-0123" in text
    assert all(LOGO_RED in content for content in page_contents(module4_output / name))


def test_the_brand_colours_colour_the_headings(module4_output: Path) -> None:
    content = "".join(page_contents(module4_output / "facilitator-guide.pdf"))
    assert ".180392 .368627 .243137 rg" in content  # primary #2E5E3E
    assert ".121569 .305882 .47451 rg" not in content  # the built-in #1F4E79 is gone


def test_a_png_logo_and_a_name_of_its_own(series: Path) -> None:
    Image.new("RGB", (90, 30), "#7A1F5C").save(series / "crest.png")
    set_brand(series, "brand:\n  name: Riverbend Unified\n  logo: crest.png\n")
    build(series, "--format", "pdf")
    path = series / "output" / "module4" / "reflection-form.pdf"
    reader = PdfReader(path)
    assert reader.metadata is not None and reader.metadata.author == "Riverbend Unified"
    for page in reader.pages:
        images = [x for x in page["/Resources"]["/XObject"].values()
                  if x.get_object()["/Subtype"] == "/Image"]
        assert len(images) == 1
        assert "Riverbend Unified" in (page.extract_text() or "")


def test_a_missing_and_an_unreadable_logo_are_located(series: Path) -> None:
    set_brand(series, "brand:\n  logo: missing.png\n")
    result = build(series, expect_ok=False)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "handouts.yaml:24:9: brand.logo: no file 'missing.png' beside handouts.yaml" in (
        result.stderr)  # type: ignore[attr-defined]
    assert not (series / "output").exists()
    (series / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    set_brand(series, "brand:\n  logo: broken.png\n  primary: green\n")
    stderr = build(series, expect_ok=False).stderr  # type: ignore[attr-defined]
    assert "handouts.yaml:24:9: brand.logo: 'broken.png' is not a readable PNG image" in stderr
    assert ("handouts.yaml:25:12: brand.primary: 'green' is not a colour: write it as #RRGGBB,"
            " such as #1F4E79") in stderr
    assert "Aborted: 2 errors in content; nothing was written." in stderr
    (series / "page.svg").write_text("<html><body>not a drawing</body></html>", encoding="utf-8")
    set_brand(series, "brand:\n  logo: page.svg\n")
    stderr = build(series, expect_ok=False).stderr  # type: ignore[attr-defined]
    assert "brand.logo: 'page.svg' is not an SVG image (its root element is <html>)" in stderr
    set_brand(series, "brand:\n  logo: notes.txt\n")
    stderr = build(series, expect_ok=False).stderr  # type: ignore[attr-defined]
    assert "brand.logo: the logo must be a PNG, JPG or SVG file, not 'notes.txt'" in stderr


def test_theme_mistakes_name_the_file_line_and_key(series: Path) -> None:
    (series / "templates" / "theme.yaml").write_text(
        "font: ComicSans\nsizes:\n  bdy: 12\ncolors:\n  primary: '#12345'\n", encoding="utf-8")
    result = build(series, expect_ok=False)
    lines = [line.split("/series/")[-1] for line in result.stderr.splitlines()]  # type: ignore[attr-defined]
    assert lines == [
        "templates/theme.yaml:1:7: font: unknown font 'ComicSans'; the fonts are: NotoSans,"
        " NotoSansRTL, NotoSansSymbols, NotoSansSymbols2",
        "templates/theme.yaml:3:3: sizes.bdy: unknown key 'bdy'; did you mean 'body'?",
        "templates/theme.yaml:5:12: colors.primary: '#12345' is not a colour: write it as"
        " #RRGGBB, such as #1F4E79",
        "Aborted: 3 errors in content; nothing was written.",
    ]
    assert not (series / "output").exists()


def test_a_theme_written_from_scratch_overrides_the_builtin(series: Path) -> None:
    (series / "templates" / "theme.yaml").write_text(
        "sizes:\n  body: 12\n  title: 26\ncolors:\n  primary: '#7A1F5C'\n  fill: '#F6EAF1'\n"
        "margins:\n  left: 72\n  right: 72\n", encoding="utf-8")
    build(series, "--format", "pdf")
    path = series / "output" / "module4" / "facilitator-guide.pdf"
    content = "".join(page_contents(path))
    assert ".478431 .121569 .360784 rg" in content  # #7A1F5C beats the brand's primary
    sizes = text_sizes(path)
    assert next(v for k, v in sizes.items() if k.startswith("Module 4:")) == 26
    # The script, read aloud standing, is 1.15 times the body size.
    assert next(v for k, v in sizes.items() if k.startswith("When we think about")) == 13.8


def text_sizes(path: Path) -> dict[str, float]:
    """Each line of text on the PDF's pages -> its font size in points."""
    found: dict[str, float] = {}
    for page in PdfReader(path).pages:
        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if text.strip():
                found.setdefault(text.strip(), round(size * tm[3] * cm[3], 1))
        page.extract_text(visitor_text=visit)
    return found


def test_large_print_has_16_pt_body_and_nothing_overlaps(series: Path) -> None:
    build(series, "--large-print", "--format", "pdf")
    folder = series / "output" / "module4" / "large-print"
    sizes = text_sizes(folder / "reflection-form.pdf")
    assert sizes["The goals of this module"] >= 16
    assert min(size for size in text_sizes(folder / "facilitator-guide.pdf").values()) >= 12
    form = pdf_text(folder / "reflection-form.pdf")
    assert "Disagree" in form and "Disagre e" not in form  # no word cut in the scale's head
    texts = pdf_text(folder / "participant-packet.pdf")
    assert "What is one thing you will do this week to be a better internal customer" in texts
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: overlaps not checked")
    for name in PDFS:
        assert not overlapping_words(folder / name), name


def overlapping_words(path: Path) -> list[tuple[str, str]]:
    """Pairs of words whose boxes intersect on a page, as pdftotext lays them out."""
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    pairs = []
    for page in xml.split("<page ")[1:]:
        words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page)]
        for index, first in enumerate(words):
            for second in words[index + 1:]:
                width = min(first[2], second[2]) - max(first[0], second[0])
                height = min(first[3], second[3]) - max(first[1], second[1])
                # Noto's boxes are taller than its leading, so lines touch by ~15% by design.
                smaller = min(first[3] - first[1], second[3] - second[1])
                if width > 1 and height > 0.3 * smaller:
                    pairs.append((first[4], second[4]))
    return pairs


def test_large_print_grows_the_pages_not_the_overlaps(module4_output: Path, series: Path) -> None:
    build(series, "--format", "pdf")
    folder = series / "output" / "module4"
    regular = {name: (folder / name).read_bytes() for name in PDFS}
    build(series, "--large-print", "--format", "pdf")
    # The large-print edition has a folder of its own and leaves the regular PDFs as they were.
    assert {name: (folder / name).read_bytes() for name in PDFS} == regular
    assert "up to date" in build(series, "--format", "pdf").output  # and their manifest entry
    for name in PDFS:
        normal = len(PdfReader(module4_output / name).pages)
        large = len(PdfReader(series / "output" / "module4" / "large-print" / name).pages)
        assert large > normal, name


def test_a_label_override_extends_the_builtin_labels(series: Path) -> None:
    (series / "templates" / "labels.txt").write_text(
        '{% extends "!builtin/labels.txt" %}\n'
        "{% block materials_heading %}What to Bring{% endblock %}\n"
        "{% block estimated_time %}**Time:** {{ module.minutes }} min{% endblock %}\n"
        "{% block page_header %}Maple Valley PD · {{ module.title }}{% endblock %}\n",
        encoding="utf-8")
    build(series)
    guide = pdf_text(series / "output" / "module4" / "facilitator-guide.pdf")
    assert "What to Bring" in guide and "Materials Needed" not in guide
    assert "Time: 20 min" in guide and "Estimated Time" not in guide
    assert "Agenda" in guide and "Suggested Facilitator Script" in guide  # the rest is built in
    for text in page_texts(series / "output" / "module4" / "reflection-form.pdf"):
        assert "Maple Valley PD · Internal Customer Service" in text
    page = (series / "output" / "module4" / "html" / "facilitator-guide.html").read_text()
    assert "<h2>What to Bring</h2>" in page and "<strong>Time:</strong> 20 min" in page


def test_a_label_given_a_handout_names_that_handout_each_time(series: Path) -> None:
    """Labels are rendered once per set of values; handouts (no hash) count by identity."""
    from cs_handouts.content.load import load_series
    from cs_handouts.project import find_project
    from cs_handouts.render.templates import Labels

    loaded = load_series(find_project(series)).module("module1")
    labels = Labels(series / "templates", loaded.context)
    handouts = list(loaded.handouts.values())
    assert len(handouts) >= 2
    for _ in range(2):
        for handout in handouts:
            assert labels("distribute_step", handout=handout) == (
                f"Distribute the {handout.title} handout.")
    copy = handouts[0].model_copy(update={"title": "A Renamed Sheet"})
    assert labels("distribute_step", handout=copy) == "Distribute the A Renamed Sheet handout."


def test_a_label_file_that_does_not_extend_names_the_missing_block(series: Path) -> None:
    (series / "templates" / "labels.txt").write_text(
        "{% block materials_heading %}What to Bring{% endblock %}\n", encoding="utf-8")
    stderr = build(series, expect_ok=False).stderr  # type: ignore[attr-defined]
    assert "templates/labels.txt: no block 'page_header'; start the file with" in stderr
    assert '{% extends "!builtin/labels.txt" %}' in stderr
    assert not (series / "output").exists()


def test_template_errors_show_the_templates_file_and_line(series: Path) -> None:
    page = series / "templates" / "page.html"
    page.write_text('{% extends "!builtin/page.html" %}\n{% block header %}\n'
                    "<p>{{ brand.nme }}</p>\n{% endblock %}\n", encoding="utf-8")
    result = build(series, expect_ok=False)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert re.search(r"templates/page\.html:3: unknown variable: .*'nme'",
                     result.stderr)  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    page.write_text('{% extends "!builtin/page.html" %}\n{% block header %}\n<p>{{ brand.name }\n',
                    encoding="utf-8")
    stderr = build(series, expect_ok=False).stderr  # type: ignore[attr-defined]
    assert re.search(r"templates/page\.html:3: template syntax: ", stderr), stderr


def test_validate_checks_the_theme_and_templates(series: Path) -> None:
    run_cli("validate", str(series))
    (series / "templates" / "guide.html").write_text(
        '{% extends "!builtin/guide.html" %}\n{% block content %}{% if %}{% endblock %}\n',
        encoding="utf-8")
    result = run_cli("validate", str(series), expect_ok=False)
    assert result.exit_code == 1
    assert re.search(r"templates/guide\.html:2: template syntax: ", result.stderr), result.stderr
