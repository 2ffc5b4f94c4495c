"""The HTML companion as written: structure, labels, language, logo, print styles, formats."""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import run_cli

PAGES = ["index.html", "facilitator-guide.html", "who-are-our-internal-customers.html",
         "internal-customer-service-discussion-questions.html", "reflection-form.html"]


class Outline(HTMLParser):
    """The tags, attributes and label texts of a page, collected once."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.label_for: set[str] = set()
        self.open_labels = 0
        self.wrapped: set[str] = set()  # controls inside a <label>
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag == "label":
            self.open_labels += 1
            if "for" in attributes:
                self.label_for.add(attributes["for"])
        elif tag in ("input", "textarea") and self.open_labels:
            self.wrapped.add(attributes.get("id") or attributes.get("name", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.open_labels -= 1

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attributes for name, attributes in self.tags if name == tag]


def outline(path: Path) -> Outline:
    return Outline(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def html_dir(module4_output: Path) -> Path:
    return module4_output / "html"


def test_every_build_writes_the_companion(html_dir: Path, built_series: Path) -> None:
    # The pages, and the PDFs' font beside them (html/fonts/).
    assert sorted(p.name for p in html_dir.iterdir()) == sorted([*PAGES, "fonts"])
    series_index = built_series / "output" / "index.html"
    assert 'href="module4/html/index.html"' in series_index.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", PAGES)
def test_language_title_headings_logo_and_print_styles(html_dir: Path, name: str) -> None:
    page = outline(html_dir / name)
    assert page.all("html")[0]["lang"] == "en-US"
    assert len(page.all("h1")) == 1
    assert page.all("main") and page.all("header") and page.all("footer")
    logo = page.all("img")[0]
    assert logo["alt"] == "Maple Valley School District logo, a red maple leaf over a green valley"
    assert logo["src"].startswith("data:image/svg+xml;base64,")
    text = (html_dir / name).read_text(encoding="utf-8")
    assert "@media print" in text
    assert "#2E5E3E" in text  # the brand's primary colour reaches the style sheet


@pytest.mark.parametrize("name", PAGES[1:])
def test_every_writing_area_has_a_label(html_dir: Path, name: str) -> None:
    page = outline(html_dir / name)
    controls = page.all("input") + page.all("textarea")
    assert controls
    for control in controls:
        if control.get("type") == "radio":
            assert control["name"] in page.wrapped, control  # the label wraps each choice
        else:
            assert control["id"] in page.label_for, control


def test_the_worksheet_fields_match_the_pdf_fields(html_dir: Path) -> None:
    page = outline(html_dir / "who-are-our-internal-customers.html")
    names = {c["name"] for c in page.all("input") + page.all("textarea")}
    prefix = "who-are-our-internal-customers"
    expected = {f"{prefix}.info.{n}" for n in ("name", "school-or-department", "date")}
    expected |= {f"{prefix}.chart{c}.r{r}c{k}" for c in (1, 2) for r in range(1, 6) for k in (1, 2)}
    assert names == expected | {f"{prefix}.lines1"}


def test_tables_have_header_cells_and_lists_are_lists(html_dir: Path) -> None:
    worksheet = outline(html_dir / "who-are-our-internal-customers.html")
    assert [th.get("scope") for th in worksheet.all("th")] == ["col"] * 4
    guide = outline(html_dir / "facilitator-guide.html")
    # The agenda's column headings (with clock times: handouts.yaml schedules module4) and total.
    assert len(guide.all("th")) == 4 + 1
    assert len(guide.all("ol")) == 3  # the steps of two activities and the conclusion
    questions = outline(html_dir / "internal-customer-service-discussion-questions.html")
    assert len(questions.all("textarea")) == 8
    scale = outline(html_dir / "reflection-form.html")
    assert len(scale.all("fieldset")) == 5 and len(scale.all("legend")) == 5


def test_facilitator_notes_stay_in_the_guide(html_dir: Path) -> None:
    note = "Listen for people outside the participant’s own team"  # typographic apostrophe
    assert note in unescape((html_dir / "facilitator-guide.html").read_text(encoding="utf-8"))
    worksheet = html_dir / "internal-customer-service-discussion-questions.html"
    assert note not in unescape(worksheet.read_text(encoding="utf-8"))


def test_the_series_header_override_changes_one_block(html_dir: Path) -> None:
    text = (html_dir / "reflection-form.html").read_text(encoding="utf-8")
    assert "Every student, every colleague, every day" in text  # templates/page.html
    assert "Office of Professional Learning · (555) 010-0123" in text  # built-in footer


def test_format_chooses_what_is_built(series: Path) -> None:
    run_cli("build", "module4", "--project", str(series), "--format", "html")
    folder = series / "output" / "module4"
    assert not list(folder.glob("*.pdf")) and (folder / "html" / "index.html").is_file()
    index = (folder / "html" / "index.html").read_text(encoding="utf-8")
    assert ".pdf" not in index  # no links to PDFs that were not built
    run_cli("build", "module4", "--project", str(series), "--format", "pdf", "-o",
            str(series / "pdf-only"))
    assert not (series / "pdf-only" / "module4" / "html").exists()
    assert not (series / "pdf-only" / "index.html").exists()
    result = run_cli("build", "module4", "--project", str(series), "--format", "docx",
                     expect_ok=False)
    assert result.exit_code == 1
    assert "--format: expected pdf, html, accessible or all, got 'docx'" in result.stderr
