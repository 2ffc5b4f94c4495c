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
