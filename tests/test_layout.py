"""Layout under stress: long charts and scales split cleanly, fields stay whole."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli
from tests.pdftext import field_names, page_texts


def test_a_long_chart_splits_between_rows_and_repeats_its_heading(series: Path) -> None:
    path = series / "content" / "handouts" / "who-are-our-internal-customers.yaml"
    text = path.read_text(encoding="utf-8").replace("      rows: 5", "      rows: 40", 1)
    path.write_text(text, encoding="utf-8")
    run_cli("build", "module4", "--project", str(series))
    pdf = series / "output" / "module4" / "who-are-our-internal-customers.pdf"
    pages = page_texts(pdf)
    assert len(pages) >= 2
    with_heading = [p for p in pages if "How they affect my work" in p]
    assert len(with_heading) >= 2  # the heading row is repeated on the continuation page
    assert sum(p.count("Who has a direct impact on me?") for p in pages) == 1
    assert "Who has a direct impact on me?" in pages[0]  # the title did not leave page 1 empty
    names = field_names(pdf)
    prefix = "who-are-our-internal-customers.chart1"
    assert {n for n in names if n.startswith(prefix)} == {
        f"{prefix}.r{r}c{c}" for r in range(1, 41) for c in (1, 2)}


def test_a_long_scale_splits_between_statements(series: Path) -> None:
    path = series / "content" / "handouts" / "reflection-form.yaml"
    extra = "".join(f"        - Extra statement number {n} about this module.\n" for n in range(30))
    text = path.read_text(encoding="utf-8").replace(
        "        - The time for this module was well used.\n",
        "        - The time for this module was well used.\n" + extra, 1)
    path.write_text(text, encoding="utf-8")
    run_cli("build", "module4", "--project", str(series))
    pdf = series / "output" / "module4" / "reflection-form.pdf"
    pages = page_texts(pdf)
    assert len(pages) >= 2
    assert all(f"Extra statement number {n} about" in " ".join(pages) for n in range(30))
    assert sum("Strongly disagree" in p for p in pages) >= 2
    groups = {n for n in field_names(pdf) if ".scale1." in n}
    assert len(groups) == 35


def test_one_text_breaks_into_lines_at_each_width_it_is_given() -> None:
    """Line breaks are kept per text, style and width (fitting lays a story out again and
    again): another width, or a paragraph split across pages, still gets lines of its own."""
    from reportlab.lib.styles import ParagraphStyle

    from cs_handouts.render.pdf.text import Paragraph

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)
    text = " ".join(f"word{number}" for number in range(80))

    def lines(width: float) -> list[str]:
        paragraph = Paragraph(text, style)
        paragraph.wrap(width, 10_000)
        return [" ".join(word for word in line[1]) for line in paragraph.blPara.lines]

    wide, narrow = lines(400), lines(120)
    assert len(narrow) > len(wide) > 1
    assert " ".join(wide).split() == text.split() == " ".join(narrow).split()
    first, rest = Paragraph(text, style).split(120, 36)  # three lines, then the rest
    rest.wrap(120, 10_000)
    assert len(rest.blPara.lines) == len(narrow) - 3
    assert lines(400) == wide and lines(120) == narrow
