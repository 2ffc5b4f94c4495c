"""Real handouts, read back from the reference series: choices, scales, headings, lists,
notes, landscape pages and facilitator-only handouts, in the PDFs and the web pages."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import REPO, run_cli
from tests.pdftext import outline_titles, page_texts, pdf_text

REFERENCE = REPO / "examples" / "reference"
MODULE = "real-handouts"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference series built (PDF and HTML) and printed for 12, in a scratch copy."""
    root = tmp_path_factory.mktemp("reference") / "series"
    shutil.copytree(REFERENCE, root, ignore=shutil.ignore_patterns("output"))
    run_cli("build", "--all", "--project", str(root))
    run_cli("print", MODULE, "--participants", "12", "--project", str(root))
    return root / "output" / MODULE


def fields(path: Path) -> dict[str, Any]:
    return dict(PdfReader(path).get_fields() or {})


def test_one_of_questions_are_one_radio_group_with_their_options(reference: Path) -> None:
    found = fields(reference / "workshop-survey.pdf")
    yes_no = found["workshop-survey.q1"]
    assert yes_no["/FT"] == "/Btn" and yes_no["/Ff"] & (1 << 15)  # a radio group
    assert yes_no["/_States_"] == ["/yes", "/no"]
    heard = found["workshop-survey.q3"]
    assert heard["/_States_"] == ["/colleague", "/e-mail", "/website", "/other"]
    assert found["workshop-survey.q3.other-text"]["/FT"] == "/Tx"
    assert "Other:" in pdf_text(reference / "workshop-survey.pdf")


def test_any_of_questions_are_a_checkbox_each(reference: Path) -> None:
    found = fields(reference / "workshop-survey.pdf")
    boxes = {name for name in found if name.startswith("workshop-survey.q2.")}
    assert boxes == {f"workshop-survey.q2.{value}"
                     for value in ("the-matrix", "the-policy", "the-schedule")}
    for name in boxes:
        assert found[name]["/FT"] == "/Btn" and not found[name]["/Ff"] & (1 << 15)
    assert found["workshop-survey.q4"]["/FT"] == "/Tx"  # numbering runs on after choices


def test_answers_are_marked_in_the_facilitator_copy_only(reference: Path) -> None:
    participant = fields(reference / "workshop-survey.pdf")
    assert participant["workshop-survey.q3"].get("/V") is None
    assert participant["workshop-survey.q2.the-policy"]["/V"] == "/Off"
    # Print sets carry no form fields (every font embedded): the answers are drawn marked.
    assert not PdfReader(reference / "print" / "facilitator-packet.pdf").get_fields()
    assert "Answer: Colleague" not in pdf_text(reference / "print" / "participant-packet.pdf")
    assert "Answer: Colleague" in pdf_text(reference / "print" / "facilitator-packet.pdf")


def test_scales_from_zero_to_ten_and_with_labels_at_some_points(reference: Path) -> None:
    found = fields(reference / "workshop-survey.pdf")
    assert found["workshop-survey.scale1.s1"]["/_States_"] == [f"/{n}" for n in range(11)]
    assert found["workshop-survey.scale2.s2"]["/_States_"] == [f"/{n}" for n in range(1, 6)]
    text = pdf_text(reference / "workshop-survey.pdf")
    for label in ("Not at all likely", "Neutral", "Extremely likely", "Not at all",
                  "Completely"):
        assert label in text


def test_notes_print_in_facilitator_copies_only(reference: Path) -> None:
    note = "Count the “Other” answers"  # quotes print typographic
    assert note not in pdf_text(reference / "workshop-survey.pdf")
    assert note not in pdf_text(reference / "print" / "participant-packet.pdf")
    assert note in pdf_text(reference / "print" / "facilitator-packet.pdf")
    # A facilitator-only handout is the facilitator's copy wherever it prints.
    assert "it stays with you" in pdf_text(reference / "fidelity-checklist.pdf")


def test_headings_are_bookmarks_and_lists_keep_their_nesting(reference: Path) -> None:
    reading = reference / "backup-reading.pdf"
    assert {"Step 1. Where is our data?", "Step 2. What would we lose?"} <= set(
        outline_titles(reading))
    text = pdf_text(reading)
    assert "• Computer hard drives" in text and "– Our e-mail inbox" in text
    assert "‣ Photos" in text and "1. List what you cannot replace." in text


def test_a_landscape_handout_has_landscape_pages(reference: Path) -> None:
    page = PdfReader(reference / "backup-policy.pdf").pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (792, 612)
    assert page.get("/Rotate", 0) == 0  # wider than tall, not turned
    chart = {n for n in fields(reference / "backup-policy.pdf") if ".chart1." in n}
    assert len(chart) == 2 * 3  # two labelled rows, three columns to write in


def test_a_table_in_a_handout_has_text_writing_cells_and_blanks(reference: Path) -> None:
    pdf = reference / "backup-policy.pdf"
    table = {n.removeprefix("backup-policy.table1.") for n in fields(pdf) if ".table1." in n}
    example_row = {"r1c6"}  # only its empty Notes cell is for writing
    second = {f"r2c{c}" for c in range(1, 7)}
    third = {"r3c2", "r3c3", "r3c4", "r3c6.blank1"}  # ~ cells, {empty: true}, a blank
    blank_rows = {f"r{r}c{c}" for r in (4, 5, 6) for c in range(1, 7)}
    assert table == example_row | second | third | blank_rows
    text = pdf_text(pdf)
    assert "Member database Office server Weekly Ana Yes" in text and "Tested in" in text


def test_an_image_to_draw_on_and_blanks_in_questions(reference: Path) -> None:
    pdf = reference / "data-matrix.pdf"
    page = PdfReader(pdf).pages[0]
    images = [x for x in page["/Resources"]["/XObject"].values()
              if x.get_object()["/Subtype"] == "/Image"]
    assert images
    assert set(fields(pdf)) == {"data-matrix.info.name", "data-matrix.q1.blank1",
                                "data-matrix.q2"}
    html = (reference / "html" / "data-matrix.html").read_text(encoding="utf-8")
    assert 'alt="An empty matrix: sensitivity against importance"' in html
    assert 'name="data-matrix.q1.blank1"' in html


def test_duplex_packets_start_every_handout_on_a_front_page(reference: Path) -> None:
    packet = PdfReader(reference / "print" / "participant-packet.pdf")
    texts = page_texts(reference / "print" / "participant-packet.pdf")
    starts = [i for i, text in enumerate(texts) if text.startswith(
        ("Why Back Up?", "Backup Policy", "Mark the Matrix", "Post-Workshop Survey"))]
    assert len(starts) == 4 and all(i % 2 == 0 for i in starts)
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in packet.pages]
    policy = next(i for i in starts if texts[i].startswith("Backup Policy"))
    assert sizes[policy] == (792, 612)
    assert sizes[0] == (612, 792) and sizes[policy + 2] == (612, 792)


def test_facilitator_handouts_stay_out_of_the_participants_hands(reference: Path) -> None:
    assert (reference / "fidelity-checklist.pdf").is_file()
    assert (reference / "html" / "fidelity-checklist.html").is_file()
    assert "Fidelity Checklist" not in pdf_text(reference / "participant-packet.pdf")
    assert "Fidelity Checklist" not in pdf_text(reference / "print" / "participant-packet.pdf")
    assert "Started on time" in pdf_text(reference / "print" / "facilitator-packet.pdf")
    guide = pdf_text(reference / "facilitator-guide.pdf")
    assert "For you (the facilitator) Fidelity Checklist form" in guide
    lines = (reference / "print" / "print-list.csv").read_text(encoding="utf-8").splitlines()
    packet = next(line for line in lines if "participant-packet.pdf" in line)
    # Four handouts for participants, each on whole sheets: 8 pages, 4 sheets, 12 copies.
    assert ",8,4,12," in packet


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each element kind."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def elements(path: Path) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def test_the_web_page_has_fieldsets_radio_groups_and_checkboxes(reference: Path) -> None:
    page = reference / "html" / "workshop-survey.html"
    tags = elements(page)
    html = page.read_text(encoding="utf-8")
    assert html.count("<fieldset class=\"choice\">") == 3
    assert "<legend>Did the workshop meet your expectations?</legend>" in html
    radios = [a for t, a in tags if t == "input" and a.get("type") == "radio"
              and a.get("name") == "workshop-survey.q3"]
    assert [a["value"] for a in radios] == ["colleague", "e-mail", "website", "other"]
    boxes = [a["name"] for t, a in tags if t == "input" and a.get("type") == "checkbox"]
    assert boxes == [f"workshop-survey.q2.{v}" for v in ("the-matrix", "the-policy",
                                                          "the-schedule")]
    assert '<label class="visually-hidden" for="workshop-survey.q3.other-text">' in html
    scale = [a["value"] for t, a in tags if t == "input" and a.get("name") ==
             "workshop-survey.scale1.s1"]
    assert scale == [str(n) for n in range(11)]
    assert "Count the" not in html  # the note is for the facilitator
    assert "<h2>About the workshop</h2>" in html and "<h3>Ratings</h3>" in html


def test_the_web_pages_of_lists_charts_and_facilitator_sheets(reference: Path) -> None:
    reading = (reference / "html" / "backup-reading.html").read_text(encoding="utf-8")
    assert "<ol>" in reading and reading.count("<ul>") == 3  # a list, nested two levels
    policy = (reference / "html" / "backup-policy.html").read_text(encoding="utf-8")
    assert '<span class="visually-hidden">Column 4</span>' in policy  # the chart's blank heading
    assert policy.count("<col style=") == 6 + 4  # the table's widths, then the chart's
    assert '<caption>Backup policy</caption>' in policy
    assert 'name="backup-policy.table1.r3c6.blank1"' in policy
    checklist = (reference / "html" / "fidelity-checklist.html").read_text(encoding="utf-8")
    assert "it stays with you" in checklist
    index = (reference / "html" / "index.html").read_text(encoding="utf-8")
    participants = index.split("<h2>", 2)[2]
    assert "fidelity-checklist.html" in index and "fidelity-checklist" not in participants


def test_sheets_not_handed_out_need_no_distribute_step(tmp_path: Path) -> None:
    """A facilitator sheet, or a handout with distribute: false, is listed without a warning."""
    root = tmp_path / "series"
    shutil.copytree(REFERENCE, root, ignore=shutil.ignore_patterns("output"))
    result = run_cli("validate", "--project", str(root))
    assert "warning" not in result.output + (result.stderr or "")
    reading = root / "content" / "handouts" / "backup-reading.yaml"
    reading.write_text(reading.read_text(encoding="utf-8").replace(
        "kind: reading\n", "kind: reading\ndistribute: false\n"), encoding="utf-8")
    module = root / "content" / "modules" / "real-handouts.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "      - distribute: backup-reading\n", ""), encoding="utf-8")
    result = run_cli("validate", "--project", str(root))
    assert "warning" not in result.output + (result.stderr or "")
    run_cli("print", MODULE, "--participants", "3", "--project", str(root))
    packet = pdf_text(root / "output" / MODULE / "print" / "participant-packet.pdf")
    assert "Why Back Up?" not in packet and "Backup Policy" in packet
    guide = pdf_text(root / "output" / MODULE / "print" / "facilitator-packet.pdf")
    assert "Why Back Up?" in guide


def test_any_of_with_other_and_large_print_legends(tmp_path: Path) -> None:
    """Checkboxes with "Other", a blank in a choice question, and labels as a legend in large
    print, on the test handout that holds every block kind."""
    from tests.conftest import DATA, copy_series

    root = copy_series(tmp_path / "series")
    shutil.copy(DATA / "every-block.yaml", root / "content" / "handouts" / "every-block.yaml")
    module = root / "content" / "modules" / "module4.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "  - reflection-form\n", "  - reflection-form\n  - every-block\n", 1), encoding="utf-8")
    run_cli("build", "module4", "--project", str(root), "--large-print")
    pdf = root / "output" / "module4" / "large-print" / "every-block.pdf"
    found = fields(pdf)
    assert {"every-block.q3.coffee", "every-block.q3.tea", "every-block.q3.other",
            "every-block.q3.other-text", "every-block.q3.text", "every-block.q4.blank1"} <= set(
        found)
    assert found["every-block.q4"]["/_States_"] == ["/first", "/second"]
    text = pdf_text(pdf)
    # Labels too long for eleven columns of large print become a legend line.
    assert "0 = Never · 10 = Always" in text and "Seen only in facilitator" not in text
