"""Print fidelity, read from the real PDFs: sizes, rules, spacing, dates, marking and fonts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DATA, copy_series, run_cli
from tests.pdfdraw import Page, hidden_rules, pages
from tests.pdftext import field_names, fonts, page_texts, pdf_text

ROSTER = DATA / "rosters" / "roster.csv"
NOTICE = "This page intentionally left blank"
LABELLED_CHARTS = ["module1/our-customers-and-stakeholders.pdf",
                   "module2/first-impressions.pdf", "module3/hearing-what-is-needed.pdf"]


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole series built (regular and large print) and module 4 and 1 printed."""
    root = copy_series(tmp_path_factory.mktemp("fidelity") / "series")
    run_cli("build", "--all", "--format", "pdf", "--project", str(root))
    run_cli("build", "--all", "--large-print", "--format", "pdf", "--project", str(root))
    run_cli("print", "module4", "module1", "--roster", str(ROSTER), "--participants", "24",
            "--project", str(root))
    return root / "output"


def body_pages(path: Path) -> list[Page]:
    return pages(path)


def test_labelled_charts_keep_every_row_rule(output: Path) -> None:
    for name in LABELLED_CHARTS:
        for page in pages(output / name):
            assert hidden_rules(page) == [], name


def test_no_rule_is_painted_over_anywhere(output: Path) -> None:
    for pdf in sorted(output.rglob("*.pdf")):
        for number, page in enumerate(pages(pdf), start=1):
            assert hidden_rules(page) == [], f"{pdf}: page {number}"


def test_large_print_has_no_text_under_16_points(output: Path) -> None:
    checked = 0
    for pdf in sorted(output.rglob("large-print/*.pdf")):
        for number, page in enumerate(pages(pdf), start=1):
            small = sorted({t.size for t in page.texts if t.size < 15.99})
            assert not small, f"{pdf}: page {number} has text of {small} pt"
            checked += len(page.texts)
    assert checked > 1000


def test_no_text_is_cut_with_an_ellipsis(output: Path) -> None:
    for pdf in sorted(output.rglob("*.pdf")):
        assert "…" not in pdf_text(pdf), pdf


def test_large_print_headers_and_footers_are_whole(output: Path) -> None:
    text = pdf_text(output / "module4" / "large-print" / "reflection-form.pdf")
    assert "learning@maplevalley.example.org" in text
    assert "Module 4: Internal Customer Service" in text


def test_large_print_fields_are_wide_enough(output: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(output / "module4" / "large-print" / "who-are-our-internal-customers.pdf")
    widths = {}
    for annotation in reader.pages[0].get("/Annots") or []:
        annotation = annotation.get_object()
        name = str(annotation.get("/T"))
        if ".info." in name:
            x0, _, x1, _ = (float(v) for v in annotation["/Rect"])
            widths[name.rsplit(".", 1)[1]] = x1 - x0
    assert widths["name"] >= 180 and widths["school-or-department"] >= 180
    assert widths["date"] >= 108


def writing_line_gaps(page: Page) -> list[float]:
    """Gaps between consecutive thin grey writing lines of the same length, top to bottom."""
    lines = [line for line in page.lines if line.horizontal and abs(line.width - 0.6) < 0.01]
    groups: dict[tuple[float, float], list[float]] = {}
    for line in lines:
        groups.setdefault((round(line.x0, 1), round(line.x1, 1)), []).append(line.y0)
    gaps = []
    for ys in groups.values():
        ys = sorted({round(y, 2) for y in ys}, reverse=True)
        gaps += [a - b for a, b in zip(ys, ys[1:], strict=False) if a - b < 60]
    return gaps


def test_writing_lines_are_24_points_apart_or_more(output: Path) -> None:
    for name in ["module4/internal-customer-service-discussion-questions.pdf",
                 "module4/reflection-form.pdf", "module1/defining-our-customer.pdf"]:
        gaps = [gap for page in pages(output / name) for gap in writing_line_gaps(page)]
        assert gaps, name
        assert min(gaps) >= 23.9, f"{name}: lines {min(gaps):.1f} pt apart"


def test_no_page_is_empty(output: Path) -> None:
    for pdf in sorted(output.rglob("*.pdf")):
        texts = page_texts(pdf)
        for number, page in enumerate(pages(pdf), start=1):
            # The header's and footer's rules: the page's body is what lies between them.
            rules = [line.y0 for line in page.lines
                     if line.horizontal and round(line.width, 1) in (1.2, 4.0)]
            if texts[number - 1] == NOTICE or len(rules) < 2:
                continue
            body = [t for t in page.texts if min(rules) < t.y < max(rules)]
            assert body, f"{pdf}: page {number} is empty"


def test_sign_in_sheet_and_certificates_show_the_session_date(output: Path) -> None:
    # Module 4 is taught in session 2 (19 January 2027), module 1 in session 1.
    assert "January 19, 2027" in pdf_text(output / "module4" / "print" / "sign-in-sheet.pdf")
    certificates = page_texts(output / "module4" / "print" / "certificates.pdf")
    assert certificates and all("January 19, 2027" in text for text in certificates)
    assert "January 12, 2027" in pdf_text(output / "module1" / "print" / "sign-in-sheet.pdf")


def test_date_option_overrides_the_session_date(series: Path) -> None:
    run_cli("print", "module4", "--participants", "3", "--date", "2026-09-14", "--project",
            str(series))
    text = pdf_text(series / "output" / "module4" / "print" / "sign-in-sheet.pdf")
    assert "September 14, 2026" in text and "January 19, 2027" not in text


def test_every_facilitator_page_says_facilitator_copy(output: Path) -> None:
    texts = page_texts(output / "module4" / "print" / "facilitator-packet.pdf")
    printed = [text for text in texts if text != NOTICE]
    assert printed and all("Facilitator copy" in text for text in printed)
    participant = pdf_text(output / "module4" / "print" / "participant-packet.pdf")
    assert "Facilitator copy" not in participant


def test_print_sets_embed_every_font_and_carry_no_fields(output: Path) -> None:
    for pdf in sorted(output.glob("*/print/*.pdf")):
        used = fonts(pdf)
        assert used and all(used.values()), f"{pdf}: {used}"
        assert field_names(pdf) == set(), pdf
    # The fillable copies stay in the module's folder.
    assert field_names(output / "module4" / "reflection-form.pdf")


def test_notes_pages_replace_blank_pages(series: Path) -> None:
    run_cli("print", "module4", "--participants", "3", "--notes-pages", "--project", str(series))
    texts = page_texts(series / "output" / "module4" / "print" / "participant-packet.pdf")
    assert NOTICE not in " ".join(texts)
    assert any(text == "Notes" for text in texts)


def test_quotes_are_typographic_except_in_addresses(output: Path) -> None:
    text = pdf_text(output / "module4" / "print" / "facilitator-packet.pdf")
    assert "“real”" in text and '"real"' not in text
    assert "learning@maplevalley.example.org" in text


def test_pd_time_reads_well() -> None:
    from cs_handouts.render.pdf.certificate import pd_sentence, pd_time

    assert pd_sentence(20) == "20 minutes of professional development"
    assert pd_sentence(90) == "1.5 professional development hours (90 minutes)"
    assert pd_sentence(170) == "2 hours 50 minutes of professional development"
    assert pd_time(20) == ("20", "MINUTES") and pd_time(120) == ("2", "PD HOURS")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_certificates_are_white_to_the_edge(series: Path, tmp_path: Path,
                                            orientation: str) -> None:
    from PIL import Image

    config = series / "handouts.yaml"
    config.write_text(config.read_text("utf-8").replace(
        "orientation: portrait", f"orientation: {orientation}"), "utf-8")
    run_cli("print", "module4", "--roster", str(ROSTER), "--project", str(series))
    pdf = series / "output" / "module4" / "print" / "certificates.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = image.size
    assert (width > height) == (orientation == "landscape")
    edge = round(0.4 * 72)  # nothing but white in the outer 0.4 in
    pixels = image.load()
    darkest = min(pixels[x, y] for x in range(width) for y in range(height)
                  if x < edge or y < edge or x >= width - edge or y >= height - edge)
    assert darkest == 255
    # The frame itself is there, half an inch in.
    assert min(pixels[x, height // 2] for x in range(edge, 45)) < 128


TIMED = re.compile(r"Activity 1: [^·]*? \d{1,2}:\d{2}–\d{1,2}:\d{2}( [AP]M)? · \d+ min")


def test_segment_headings_give_the_time_at_a_glance(output: Path) -> None:
    guide = pdf_text(output / "module4" / "facilitator-guide.pdf")
    assert TIMED.search(guide), guide[:600]
    # The print set's facilitator packet has the session's clock times too.
    packet = pdf_text(output / "module4" / "print" / "facilitator-packet.pdf")
    assert TIMED.search(packet)


def test_the_script_reads_aloud_and_says_when_it_continues(output: Path) -> None:
    guide = output / "module1" / "facilitator-guide.pdf"
    text = pdf_text(guide)
    assert "Say " in text
    # Module 1's script runs over a page in Letter: both ends of the split say so.
    assert "(continued on the next page)" in text and "Say (continued)" in text
    sizes = {t.size for page in pages(guide) for t in page.texts}
    assert any(12 <= size < 13 for size in sizes), sorted(sizes)


def test_print_set_guide_counts_materials_for_the_headcount(output: Path) -> None:
    packet = pdf_text(output / "module1" / "print" / "facilitator-packet.pdf")
    assert "Chart paper and markers (1 per table): bring 4" in packet


def test_name_tents_once_a_session_with_the_first_name_largest(series: Path) -> None:
    run_cli("print", "--all", "--roster", str(ROSTER), "--project", str(series))
    output = series / "output"
    # Module 1 opens session 1 and module 4 session 2: the tents print with them only.
    tents = sorted(p.parent.parent.name for p in output.glob("*/print/name-tents.pdf"))
    assert tents == ["module1", "module4"]
    page = pages(output / "module4" / "print" / "name-tents.pdf")[0]
    assert max(t.size for t in page.texts) >= 54  # the first name, read across a room
    text = page_texts(output / "module4" / "print" / "name-tents.pdf")[0]
    assert "José Núñez-García" in text and text.count("José") >= 4
    listing = (output / "print-list.txt").read_text("utf-8")
    assert "for Session 2: Serving Each Other Well" in listing


def test_web_pages_ship_the_pdf_font_small_and_print_whole(tmp_path: Path) -> None:
    root = copy_series(tmp_path / "series")
    run_cli("build", "module4", "--format", "html", "--project", str(root))
    html = root / "output" / "module4" / "html"
    fonts = sorted((html / "fonts").iterdir())
    # Three faces cut into five script ranges, WOFF2: a third of a megabyte in all (the
    # whole TrueType faces were 1.5 MB), and an English page needs only the latin files.
    assert len(fonts) == 15
    assert all(font.read_bytes()[:4] == b"wOF2" for font in fonts)
    assert sum(font.stat().st_size for font in fonts) < 400_000
    assert max(font.stat().st_size for font in fonts if ".latin." in font.name) < 25_000
    page = (html / "who-are-our-internal-customers.html").read_text("utf-8")
    for font in fonts:
        assert f'url("fonts/{font.name}") format("woff2"); unicode-range: U+' in page
    assert "break-after: avoid" in page and "h2::after" in page


def test_spare_room_on_a_last_page_becomes_writing_lines(output: Path) -> None:
    # The reflection form's second page holds questions 3 and 4 (four lines each, as
    # written); the room left below them is shared out as more lines.
    last = pages(output / "module4" / "reflection-form.pdf")[-1]
    lines = [line for line in last.lines if line.horizontal and abs(line.width - 0.6) < 0.01]
    assert len(lines) > 8
    assert min(writing_line_gaps(last)) >= 23.9


def test_large_print_agenda_keeps_its_headings_whole(output: Path) -> None:
    text = pdf_text(output / "module4" / "large-print" / "facilitator-guide.pdf")
    assert "Minutes" in text and "Minute s" not in text
