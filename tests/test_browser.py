"""The HTML companion in a real browser: headless Debian chromium, and axe-core on every page.

Chromium and axe-core are installed by the tests when they are missing (apt-get, npm);
the tests skip, saying why, only where that cannot be done.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import Browser, find_axe, find_chromium
from tests.conftest import DATA, REPO, copy_series, run_cli
from tests.pdftext import normalize


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable, why = find_chromium()
    if executable is None:
        pytest.skip(f"no headless chromium: {why}")
    started = Browser(executable)
    yield started
    started.close()


@pytest.fixture(scope="module")
def axe() -> Path:
    script, why = find_axe()
    if script is None:
        pytest.skip(f"no axe-core: {why}")
    return script


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example series built twice: normally, and in large print with a theme of its own."""
    root = copy_series(tmp_path_factory.mktemp("site") / "series")
    run_cli("build", "module4", "--project", str(root), "--format", "html")
    (root / "templates" / "theme.yaml").write_text(
        "colors:\n  primary: '#7A1F5C'\n  fill: '#F6EAF1'\n", encoding="utf-8")
    run_cli("build", "module4", "--project", str(root), "--format", "html", "--large-print",
            "-o", str(root / "large"))
    return root


def pages_of(site: Path) -> list[Path]:
    return sorted([*site.glob("output/**/*.html"), *site.glob("large/**/*.html")])


def test_every_page_loads_cleanly_and_passes_axe(site: Path, browser: Browser,
                                                 axe: Path) -> None:
    pages = pages_of(site)
    assert len(pages) == 6 + 5  # output/index.html indexes the default edition only
    problems = {}
    for path in pages:
        page = browser.open(path.as_uri())
        try:
            errors = page.console_errors()
            violations = page.axe_violations(axe)
            title = page.evaluate("document.title")
        finally:
            page.close()
        assert title, path
        if errors or violations:
            problems[str(path.relative_to(site))] = (errors, violations)
    assert not problems


def test_a_screenshot_of_the_worksheet(site: Path, browser: Browser) -> None:
    """Writes output/screenshot.png for a person to look at; checks it shows a whole page."""
    page = browser.open((site / "output/module4/html/who-are-our-internal-customers.html").as_uri())
    try:
        shot = site / "output" / "screenshot.png"
        page.screenshot(shot)
        height = page.evaluate("document.documentElement.scrollHeight")
    finally:
        page.close()
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert height > 1200  # header, two charts of five rows, the writing lines and the footer


def test_a_worksheet_filled_in_the_browser_prints_what_was_typed(site: Path, browser: Browser,
                                                                tmp_path: Path) -> None:
    path = site / "output/module4/html/internal-customer-service-discussion-questions.html"
    page = browser.open(path.as_uri())
    answer = "The front office and the transportation team depend on my schedules."
    try:
        page.evaluate(f"""(() => {{
            document.getElementById('internal-customer-service-discussion-questions.info.name')
                .value = 'Jordan Rivera';
            document.getElementById('internal-customer-service-discussion-questions.q2')
                .value = {answer!r};
        }})()""")
        printed = tmp_path / "printed.pdf"
        page.print_pdf(printed)
    finally:
        page.close()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the printed text is not read")
    # pypdf does not read the text chromium draws inside form controls; poppler does.
    text = normalize(subprocess.run(["pdftotext", str(printed), "-"], capture_output=True,
                                    text=True, check=True).stdout)
    assert "Jordan Rivera" in text and answer in text
    assert "Which colleagues or departments depend on you most" in text


@pytest.fixture(scope="module")
def every_block(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example series with one more handout that uses every block kind, built."""
    root = copy_series(tmp_path_factory.mktemp("blocks") / "series")
    shutil.copy(DATA / "every-block.yaml", root / "content" / "handouts" / "every-block.yaml")
    module = root / "content" / "modules" / "module4.yaml"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("  - reflection-form\n", "  - reflection-form\n  - every-block\n",
                                   1), encoding="utf-8")
    run_cli("build", "module4", "--project", str(root))
    return root / "output" / "module4"


def test_every_block_kind_passes_axe(every_block: Path, browser: Browser, axe: Path) -> None:
    page = browser.open((every_block / "html" / "every-block.html").as_uri())
    try:
        assert not page.console_errors()
        assert not page.axe_violations(axe)
        text = page.evaluate("document.body.innerText")
    finally:
        page.close()
    for expected in ("Every Block & Its Kind", "Tiếng Việt", "Greeting", "Return the materials",
                     "I greet visitors by name.", "Listen first.", "References"):
        assert expected in text


def test_the_audit_can_fail(series: Path, browser: Browser, axe: Path) -> None:
    """A header override that drops the logo's alt text is caught by axe-core."""
    (series / "templates" / "page.html").write_text(
        '{% extends "!builtin/page.html" %}\n{% block header %}'
        '<img src="{{ brand.logo }}"><p>{{ brand.name }}</p>{% endblock %}\n', encoding="utf-8")
    run_cli("build", "module4", "--project", str(series), "--format", "html")
    page = browser.open((series / "output" / "module4" / "html" / "index.html").as_uri())
    try:
        violations = {v["id"] for v in page.axe_violations(axe)}
    finally:
        page.close()
    assert "image-alt" in violations


def test_the_reference_series_real_handouts_pass_axe(tmp_path: Path, browser: Browser,
                                                      axe: Path) -> None:
    """Choice questions, scales, lists, headings, notes and blank chart headings in a browser."""
    root = tmp_path / "reference"
    shutil.copytree(REPO / "examples" / "reference", root,
                    ignore=shutil.ignore_patterns("output"))
    run_cli("build", "--all", "--project", str(root), "--format", "html")
    pages = sorted((root / "output").glob("real-handouts/html/*.html"))
    assert len(pages) >= 6
    problems = {}
    for path in pages:
        page = browser.open(path.as_uri())
        try:
            errors, violations = page.console_errors(), page.axe_violations(axe)
            if path.name == "workshop-survey.html":
                # A real radio group: ticking one option unticks the other.
                checked = page.evaluate("""(() => {
                    const [yes, no] = document.getElementsByName('workshop-survey.q1');
                    yes.click(); no.click(); return [yes.checked, no.checked];
                })()""")
                assert checked == [False, True]
        finally:
            page.close()
        if errors or violations:
            problems[path.name] = (errors, violations)
    assert not problems


PAPERS = {"Letter": (8.5, 11), "A4": (8.27, 11.69)}


@pytest.mark.parametrize("paper", PAPERS)
def test_pages_printed_from_the_browser_match_the_pdfs(site: Path, browser: Browser,
                                                       tmp_path: Path, paper: str) -> None:
    """The one-page worksheet prints on one page, in the PDFs' font, without screen-only parts."""
    from pypdf import PdfReader

    html = site / "output" / "module4" / "html"
    page = browser.open((html / "who-are-our-internal-customers.html").as_uri())
    try:
        loaded = page.evaluate("document.fonts.ready.then(() => [...document.fonts]"
                               ".filter(f => f.status === 'loaded').map(f => f.family))")
        printed = tmp_path / "worksheet.pdf"
        page.print_pdf(printed, PAPERS[paper])
    finally:
        page.close()
    assert '"Noto Sans"' in loaded or "Noto Sans" in loaded  # the shipped web font, not a system one
    reader = PdfReader(printed)
    assert len(reader.pages) == 1
    text = normalize(reader.pages[0].extract_text())
    assert "Who Are Our Internal Customers" in text and "Who do I have a direct impact on?" in text
    assert "Circle the relationship you most want to strengthen" in text
    assert "Printable version" not in text  # a link to the PDF means nothing on paper
