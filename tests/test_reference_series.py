"""The examples/reference series uses every construct of the format; built and read back here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser import Browser, find_axe
from tests.conftest import REPO, run_cli
from tests.pdftext import field_names, pdf_text
from tests.test_browser import browser  # noqa: F401, F811 - the shared headless chromium
from tests.test_html import outline

REFERENCE = REPO / "examples" / "reference"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the reference series, built: its module's output folder."""
    root = tmp_path_factory.mktemp("reference") / "reference"
    shutil.copytree(REFERENCE, root, ignore=shutil.ignore_patterns("output"))
    run_cli("build", "--all", "--project", str(root))
    return root / "output" / "data-map"


def link_targets(path: Path) -> list[str]:
    targets = []
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/A" in annotation:
                targets.append(str(annotation["/A"].get("/URI")))
    return targets


def test_links_are_live_and_their_addresses_printed(reference: Path) -> None:
    guide = reference / "facilitator-guide.pdf"
    assert "https://example.org/guides/data-map" in link_targets(guide)
    assert "mailto:team@example.org" in link_targets(guide)
    text = pdf_text(guide)
    assert "the guide’s source (https://example.org/guides/data-map)" in text
    assert "Write to the team (team@example.org)" in text
    assert "mailto:help@example.org" in link_targets(reference / "data-map-worksheet.pdf")


def test_emphasis_prints_without_stray_asterisks(reference: Path) -> None:
    text = pdf_text(reference / "facilitator-guide.pdf")
    assert "using bold italic and Arlington-style emphasis" in text
    assert "*" not in text


def test_images_are_drawn_and_tables_keep_their_columns(reference: Path) -> None:
    guide = reference / "facilitator-guide.pdf"
    images = [image for page in PdfReader(guide).pages for image in page.images]
    assert images, "the matrix PNG is in the guide"
    text = pdf_text(guide)
    assert "The sensitivity matrix" in text
    assert "Time Prioritize Practice 00:15-00:20 Review the vision Team discussion" in text
    titles = [item["/Title"] for item in PdfReader(guide).outline if isinstance(item, dict)]
    assert "Activity 1: Mapping the data" in titles


def test_blanks_are_lines_in_the_guide_and_fields_in_a_handout(reference: Path) -> None:
    assert "Hello! I’m ____________ and this is ____________________." in pdf_text(
        reference / "facilitator-guide.pdf")
    fields = field_names(reference / "data-map-worksheet.pdf")
    assert {"data-map-worksheet.text1.blank1", "data-map-worksheet.text1.blank2",
            "data-map-worksheet.text1.blank3"} <= fields


def test_the_web_pages_say_the_same(reference: Path) -> None:
    guide = outline(reference / "html" / "facilitator-guide.html")
    assert any(image.get("alt") == "An empty two-by-two matrix" for image in guide.all("img"))
    assert all(image.get("alt") for image in guide.all("img"))
    assert any(a.get("href") == "https://example.org/guides/data-map" for a in guide.all("a"))
    assert [th for th in guide.all("th") if th.get("scope") == "col"]
    handout = outline(reference / "html" / "data-map-worksheet.html")
    blanks = [i for i in handout.all("input") if "blank" in i.get("name", "")]
    assert [b["name"] for b in blanks] == [f"data-map-worksheet.text1.blank{n}" for n in (1, 2, 3)]
    assert all(b.get("aria-label") for b in blanks)


def test_every_reference_page_passes_axe(reference: Path, browser: Browser) -> None:  # noqa: F811
    script, why = find_axe()
    if script is None:
        pytest.skip(f"no axe-core: {why}")
    problems = {}
    for path in sorted(reference.glob("html/*.html")):
        page = browser.open(path.as_uri())
        try:
            violations = page.axe_violations(script)
            errors = page.console_errors()
        finally:
            page.close()
        if violations or errors:
            problems[path.name] = (errors, violations)
    assert not problems
