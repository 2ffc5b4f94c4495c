"""Accessible PDFs: the web pages as tagged, fillable PDF/UA-1 documents (WeasyPrint).

Read back with pikepdf (tests/accessibility.py: tags, language, title, headings, lists,
tables, alt text, field names), checked with outloud's PDF/UA-1 rules, filled and
collected like the ReportLab PDFs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from tests.accessibility import alt_texts, structure, ua_problems
from tests.conftest import REPO, copy_series, run_cli
from tests.pdftext import normalize, pdf_text
from tests.test_collect import fill, read_csv

DOCUMENTS = ("facilitator-guide", "who-are-our-internal-customers",
             "internal-customer-service-discussion-questions", "reflection-form")
FORM = "reflection-form"
STATEMENTS = ("The goals of this module were clear to me.",
              "The activities helped me think about my own work.",
              "I know how to use what I learned with the people I serve.",
              "I will use what I learned in my daily work.",
              "The time for this module was well used.")


@contextmanager
def accessible_in_all() -> Iterator[None]:
    """--format all with accessible PDFs, as on a machine with the extra installed."""
    old = os.environ.get("HANDOUTS_ACCESSIBLE")
    os.environ["HANDOUTS_ACCESSIBLE"] = "1"
    try:
        yield
    finally:
        os.environ["HANDOUTS_ACCESSIBLE"] = old or "0"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example series with module4 built in every format, accessible PDFs included."""
    root = copy_series(tmp_path_factory.mktemp("accessible") / "series")
    with accessible_in_all():
        result = run_cli("build", "module4", "--format", "all", "--project", str(root))
    assert "accessible/reflection-form.pdf (2 pages)" in result.stdout
    return root


def fresh_copy_beside(built: Path) -> Path:
    """A fresh copy of the series beside ``built``, with no output."""
    return copy_series(built.parent / "plain")


def accessible(root: Path, name: str, edition: str = "") -> Path:
    return root / "output" / "module4" / edition / "accessible" / f"{name}.pdf"


def test_every_document_has_an_accessible_twin_recorded_in_the_manifest(built: Path) -> None:
    folder = built / "output" / "module4" / "accessible"
    assert sorted(p.stem for p in folder.iterdir()) == sorted(DOCUMENTS)
    assert (built / "output" / "module4" / "reflection-form.pdf").is_file()  # ReportLab's too
    manifest = json.loads((built / "output" / ".handouts-manifest.json").read_text("utf-8"))
    recorded = {f["name"] for f in manifest["entries"]["module:module4"]["files"]}
    assert {f"module4/accessible/{name}.pdf" for name in DOCUMENTS} <= recorded
    with accessible_in_all():
        again = run_cli("build", "module4", "--format", "all", "--project", str(built))
    assert "Nothing to build" in again.stdout
    # A plain build makes the PDFs and web pages only: accessible PDFs are asked for.
    plain = fresh_copy_beside(built)
    run_cli("build", "module4", "--project", str(plain))
    assert (plain / "output" / "module4" / "reflection-form.pdf").is_file()
    assert not (plain / "output" / "module4" / "accessible").exists()
    again = run_cli("build", "module4", "--format", "accessible", "--project", str(built))
    assert "output/module4/accessible/facilitator-guide.pdf (3 pages)" in again.stdout
    assert "Nothing to build" in run_cli("build", "module4", "--format", "accessible",
                                         "--project", str(built)).stdout


@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_pdf_is_tagged_with_language_title_and_named_fields(built: Path, name: str) -> None:
    path = accessible(built, name)
    assert ua_problems(path, "en-US") == []
    title = PdfReader(path).metadata.title
    html = (built / "output" / "module4" / "html" / f"{name}.html").read_text("utf-8")
    assert f"<title>{title}</title>" in html  # the window title is the web page's
    kinds = structure(path)
    assert kinds[0] == "/Document" and "/H1" in kinds and kinds.count("/H1") == 1
    assert alt_texts(path)[0] == ("Maple Valley School District logo, a red maple leaf over a"
                                  " green valley")


def test_the_text_reads_as_the_web_page(built: Path) -> None:
    text = normalize(pdf_text(accessible(built, FORM)))
    for statement in STATEMENTS:
        assert statement in text
    assert "Save my answers" not in text and "Printable version" not in text


def test_lists_headings_and_tables_are_tagged(built: Path) -> None:
    guide = structure(accessible(built, "facilitator-guide"))
    assert [k for k in guide if k in ("/H1", "/H2", "/H3")][:3] == ["/H1", "/H2", "/H2"]
    assert "/H3" in guide and "/L" in guide and "/LI" in guide and "/Lbl" in guide
    assert "/Table" in guide and "/THead" in guide and "/TH" in guide
    with pikepdf.open(accessible(built, "who-are-our-internal-customers")) as pdf:
        from tests.accessibility import elements

        headers = [e for e in elements(pdf) if e.S == "/TH"]
        page = built / "output" / "module4" / "html" / "who-are-our-internal-customers.html"
        assert len(headers) == page.read_text("utf-8").count('<th scope="col">') > 0
        assert {str(e.A.Scope) for e in headers} == {"/Column"}
        cells = [e for e in elements(pdf) if e.S == "/TD"]
        assert cells and all(len(e.A.Headers) == 1 for e in cells)  # each under its column
    questions = structure(accessible(built, "internal-customer-service-discussion-questions"))
    assert questions.count("/LI") >= 5


def test_each_rating_is_one_radio_group_named_by_its_statement(built: Path) -> None:
    path = accessible(built, FORM)
    with pikepdf.open(path) as pdf:
        fields = {str(f.T): f for f in pdf.Root.AcroForm.Fields}
        for number, statement in enumerate(STATEMENTS, start=1):
            group = fields[f"{FORM}.scale1.s{number}"]
            assert str(group.TU) == statement
            assert int(group.Ff) & (1 << 15)  # a radio group
            assert len(group.Kids) == 5
            states = [next(k for k in kid.AP.N.keys() if k != "/Off") for kid in group.Kids]
            assert states == ["/1", "/2", "/3", "/4", "/5"]  # the values, as in ReportLab's PDF
        from tests.accessibility import elements

        alts = [str(e.Alt) for e in elements(pdf) if e.S == "/Form" and "/Alt" in e]
        assert alts[:5] == ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"]
        assert str(fields[f"{FORM}.info.name--optional"].TU) == "Name (optional)"
        assert str(fields[f"{FORM}.q1"].TU) == ("What is the most important idea you are taking"
                                                " away from this module?")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_field_names_match_the_reportlab_pdf(built: Path, name: str) -> None:
    reportlab = set(PdfReader(built / "output" / "module4" / f"{name}.pdf").get_fields() or {})
    ours = set(PdfReader(accessible(built, name)).get_fields() or {})
    assert ours == reportlab


def test_collect_reads_filled_accessible_pdfs(built: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    fill(accessible(built, FORM), answers / "dana.pdf", {
        f"{FORM}.scale1.s1": "/5", f"{FORM}.scale1.s3": "/2", f"{FORM}.q2": "Ask before assuming",
        f"{FORM}.info.date": "2027-01-19"})
    fill(built / "output" / "module4" / f"{FORM}.pdf", answers / "eli.pdf",
         {f"{FORM}.scale1.s1": "/4"})
    run_cli("collect", "module4", str(answers), "--project", str(built))
    dana, eli = read_csv(built / "output" / "module4" / "responses.csv")
    assert dana["file"] == "dana.pdf" and dana[f"{FORM}.scale1.s1"] == "5"
    assert dana[f"{FORM}.scale1.s3"] == "2" and dana[f"{FORM}.q2"] == "Ask before assuming"
    assert dana[f"{FORM}.info.date"] == "2027-01-19" and eli[f"{FORM}.scale1.s1"] == "4"
    text = normalize(pdf_text(built / "output" / "module4" / "evaluation.pdf"))
    assert "2 answered, mean 4.50" in text.split(STATEMENTS[0])[1].split(STATEMENTS[1])[0]


def test_outloud_finds_no_pdf_ua_failure(built: Path) -> None:
    """outloud's PDF/UA-1 (Matterhorn) rules: no error at all, and no conformance warning."""
    assert_outloud_passes([accessible(built, name) for name in DOCUMENTS])


def assert_outloud_passes(pdfs: list[Path]) -> None:
    """No outloud error, and no warning of its conformance layer (its PDF/UA-1 rules)."""
    paths = [str(path) for path in pdfs]
    result = subprocess.run([sys.executable, "-c", "from outloud.cli import main; main()",
                             "--json", "-", "--fail-on", "never", *paths],
                            capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    layers = _rule_layers()
    for checked in report["results"]:
        assert checked["error"] is None and checked["counts"]["error"] == 0, checked["findings"]
        ran = [rule for rule in checked["rules"] if rule["status"] == "ran"]
        assert len(ran) > 40
        conformance = [f for f in checked["findings"] if layers.get(f["rule"]) == "conformance"]
        assert conformance == [], checked["path"]


def _rule_layers() -> dict[str, str]:
    result = subprocess.run([sys.executable, "-c", "from outloud.cli import main; main()",
                             "--list-rules"], capture_output=True, text=True, check=True)
    return {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()[1:]
            if line.strip()}


def test_rebuilding_gives_the_same_bytes(built: Path, tmp_path: Path) -> None:
    other = copy_series(tmp_path / "other")
    run_cli("build", "module4", "--format", "accessible", "--project", str(other))
    for name in DOCUMENTS:
        assert accessible(other, name).read_bytes() == accessible(built, name).read_bytes(), name


def test_large_print_and_a4_editions(series: Path) -> None:
    config = series / "handouts.yaml"
    config.write_text(config.read_text("utf-8").replace("paper: letter", "paper: a4"), "utf-8")
    run_cli("build", "module4", "--format", "accessible", "--large-print", "--project", str(series))
    path = accessible(series, FORM, "large-print")
    assert ua_problems(path, "en-US") == []
    page = PdfReader(path).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    sizes = _text_sizes(path)
    assert min(sizes) >= 16, sorted(set(sizes))
    assert not (series / "output" / "module4" / "accessible").exists()  # only the edition built


def _text_sizes(path: Path) -> list[float]:
    """The size of every piece of text drawn, in points (font size times the text matrix)."""
    sizes: list[float] = []
    for page in PdfReader(path).pages:
        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if text.strip():
                scale = (abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1)
                sizes.append(round(size * scale, 1))
        page.extract_text(visitor_text=visit)
    return sizes


def test_a_decorative_picture_is_an_artifact(series: Path) -> None:
    """An image with empty alt text (here from a template override) is no Figure."""
    logo = (series / "templates" / "maple-valley-logo.svg")
    override = series / "templates" / "page.html"
    original = override.read_text("utf-8") if override.is_file() else '{% extends "!builtin/page.html" %}'
    marker = '{% block content %}'
    image = f'<img class="logo" src="data:image/svg+xml;base64,{_b64(logo)}" alt="">'
    text = original + ('\n{% block footer %}' + image + '{{ super() }}{% endblock %}'
                       if marker not in original else "")
    override.write_text(text, "utf-8")
    run_cli("build", "module4", "--format", "accessible", "--project", str(series))
    path = accessible(series, FORM)
    assert ua_problems(path, "en-US") == []
    assert len(alt_texts(path)) == 1  # the logo; the decoration is not a Figure
    with pikepdf.open(path) as pdf:
        last = pdf.pages[-1]
        operators = [str(i.operator) for i in pikepdf.parse_content_stream(last)]
        assert "BMC" in operators  # the picture is painted inside /Artifact BMC ... EMC


def _b64(path: Path) -> str:
    import base64

    return base64.b64encode(path.read_bytes()).decode("ascii")


def test_without_weasyprint_accessible_is_a_clear_error_and_all_goes_on(
        series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cs_handouts.render.accessible as extra

    monkeypatch.setattr(extra, "installed", lambda: False)
    failed = run_cli("build", "module4", "--format", "accessible", "--project", str(series),
                     expect_ok=False)
    assert failed.exit_code == 1 and "Traceback" not in failed.output
    assert failed.stderr.strip() == ("Error: accessible PDFs need WeasyPrint and pikepdf (not installed):"
                                     " pip install 'cs-handouts[accessible]' (on Debian also:"
                                     " apt-get install libpango-1.0-0 libpangoft2-1.0-0)")
    assert not (series / "output" / "module4").exists()
    built = run_cli("build", "module4", "--format", "all", "--project", str(series))
    assert built.stdout.count("pip install 'cs-handouts[accessible]'") == 1
    assert (series / "output" / "module4" / "reflection-form.pdf").is_file()
    assert not (series / "output" / "module4" / "accessible").exists()


def test_weasyprint_without_its_libraries_is_the_same_clear_error(series: Path,
                                                                   tmp_path: Path) -> None:
    """WeasyPrint installed but Pango missing: its import raises OSError."""
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "weasyprint.py").write_text("raise OSError(\"cannot load library 'libpango-1.0-0'\")\n")
    env = {**os.environ, "PYTHONPATH": str(fake)}
    result = subprocess.run([sys.executable, "-m", "cs_handouts", "build", "module4", "--format",
                             "accessible", "--project", str(series)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cannot load library 'libpango-1.0-0'" in result.stderr
    assert "pip install 'cs-handouts[accessible]'" in result.stderr


@pytest.mark.parametrize("language", ["es", "zh-Hans", "ar"])
def test_language_editions_are_tagged_in_their_language_with_the_same_field_names(
        tmp_path: Path, language: str) -> None:
    root = tmp_path / "series"
    shutil.copytree(REPO / "tests" / "data" / "languages", root)
    run_cli("build", "module1", "--language", language, "--format", "all", "--project", str(root))
    with accessible_in_all():
        run_cli("build", "module1", "--language", language, "--format", "all", "--project", str(root))
    folder = root / "output" / "module1" / language
    path = folder / "accessible" / "reflection.pdf"
    assert ua_problems(path, language) == []
    assert set(PdfReader(path).get_fields() or {}) == set(
        PdfReader(folder / "reflection.pdf").get_fields() or {})
    title = {"es": "Reflexión", "zh-Hans": "反思", "ar": "تأمل"}[language]
    assert title in (PdfReader(path).metadata.title or "")
    if language == "zh-Hans":  # simplified Chinese glyphs, not the Japanese face's
        with pikepdf.open(path) as pdf:
            fonts = {str(font.BaseFont) for page in pdf.pages
                     for font in page.Resources.Font.values()}
        assert any("CJK-SC" in font for font in fonts) and not any("JP" in f for f in fonts)


def test_weasyprint_leaves_truncated_pictures_refused(built: Path) -> None:
    """WeasyPrint's import lets Pillow load truncated images process-wide: that is undone."""
    from PIL import ImageFile

    assert "weasyprint" in sys.modules  # the accessible build above ran in this process
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_serve_makes_what_a_plain_build_makes_without_accessible_pdfs(series: Path) -> None:
    """handouts serve rebuilds on every edit: the PDFs and web pages, as a plain build does."""
    from cs_handouts.preview.rebuild import rebuild
    from cs_handouts.project import find_project

    project = find_project(series)
    output = series / "output"
    with accessible_in_all():  # even where --format all would make them
        first = rebuild(project, output, lambda kind, errors: None, first=True)
        assert first.errors == []
        assert "Nothing to build" in run_cli("build", "module4", "--project", str(series)).stdout
    assert (output / "module4" / "reflection-form.pdf").is_file()
    assert not accessible(series, FORM).exists()


def test_the_reference_series_images_choices_and_links(tmp_path: Path) -> None:
    """Pictures with their alt text, one-of and any-of choices, links: both reference modules."""
    root = tmp_path / "reference"
    shutil.copytree(REPO / "examples" / "reference", root)
    run_cli("build", "data-map", "real-handouts", "--format", "all", "--project", str(root))
    run_cli("build", "data-map", "real-handouts", "--format", "accessible", "--project", str(root))
    pdfs = sorted((root / "output").glob("*/accessible/*.pdf"))
    assert len(pdfs) == 8
    for path in pdfs:
        assert ua_problems(path, "en-US") == [], path
        printed = path.parent.parent / path.name
        assert set(PdfReader(path).get_fields() or {}) == set(
            PdfReader(printed).get_fields() or {}), path
    assert_outloud_passes(pdfs)
    folder = root / "output"
    assert alt_texts(folder / "real-handouts" / "accessible" / "data-matrix.pdf")[-1:] == [
        "An empty matrix: sensitivity against importance"]
    assert alt_texts(folder / "data-map" / "accessible" / "facilitator-guide.pdf")[-3:] == [
        "An empty two-by-two matrix", "Data flows from the office to the cloud",
        "A tall poster of the data map"]
    with pikepdf.open(folder / "real-handouts" / "accessible" / "workshop-survey.pdf") as pdf:
        fields = {str(f.T): f for f in pdf.Root.AcroForm.Fields}
        one_of = fields["workshop-survey.q3"]  # a one-of choice: one radio group, named by its question
        assert str(one_of.TU) == "How did you hear about it?" and len(one_of.Kids) == 4
        assert [next(k for k in kid.AP.N.keys() if k != "/Off") for kid in one_of.Kids] == [
            "/colleague", "/e-mail", "/website", "/other"]
        assert str(fields["workshop-survey.q2.the-policy"].TU) == (
            "Which parts will you use?: The policy")  # an any-of choice: a box per option
        for page in pdf.pages:
            for link in (a for a in page.get("/Annots", []) if a.Subtype == "/Link"):
                assert int(link.F) & 4  # printed as shown


def test_a_broken_accessible_stylesheet_stops_the_build_with_its_place(series: Path) -> None:
    (series / "templates" / "accessible.css").write_text("{% if paper %}\n@page { size: A5 }\n",
                                                         "utf-8")
    result = run_cli("build", "module4", "--format", "accessible", "--project", str(series),
                     expect_ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("Error: ") and "accessible.css:2: template syntax:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Built" not in result.stdout and not (series / "output" / "module4").exists()
    assert run_cli("validate", "--project", str(series), expect_ok=False).exit_code == 1
