"""Pages that are used: no half-empty page, large print that flows, room to write shared out.

Read from the PDFs of the example series built in Letter and A4, regular and large print,
with their print sets (the A4 ones in grayscale).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import copy_series, run_cli
from tests.pagefill import half_empty_pages, page_fills
from tests.pdfdraw import Line, Page, pages

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="needs pdftotext (poppler-utils)")

# Fuller than this, every page but a part's last: "no page more than about half empty".
LEAST_FILL = 0.4


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The output folders: Letter (regular, large print, print set) and A4 (grayscale)."""
    root = tmp_path_factory.mktemp("fill")
    letter = copy_series(root / "letter")
    run_cli("build", "--all", "--format", "pdf", "--project", str(letter))
    run_cli("build", "--all", "--large-print", "--format", "pdf", "--project", str(letter))
    run_cli("print", "--all", "--participants", "24", "--project", str(letter))
    a4 = copy_series(root / "a4")
    config = a4 / "handouts.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("paper: letter", "paper: a4"),
                      encoding="utf-8")
    run_cli("build", "--all", "--format", "pdf", "--project", str(a4))
    run_cli("print", "--all", "--participants", "24", "--grayscale", "--project", str(a4))
    return {"letter": letter / "output", "a4": a4 / "output"}


def test_no_page_but_a_parts_last_is_more_than_half_empty(builds: dict[str, Path]) -> None:
    faults = {}
    for output in builds.values():
        for pdf in sorted(output.rglob("*.pdf")):
            if half_empty_pages(pdf, LEAST_FILL):
                faults[str(pdf.relative_to(output.parent.parent))] = half_empty_pages(
                    pdf, LEAST_FILL)
    assert not faults


def test_series_documents_in_both_papers_have_no_near_empty_page(builds: dict[str, Path]) -> None:
    for output in builds.values():
        for name in ("overview.pdf", "materials.pdf", "agenda.pdf", "facilitator-binder.pdf"):
            fills = page_fills(output / "series" / name)
            assert fills and all(fill.fill > 0.25 for fill in fills[1:]), (output, name)


def test_large_print_flows_without_half_empty_pages(builds: dict[str, Path]) -> None:
    folder = builds["letter"] / "module4" / "large-print"
    # The one-page worksheet: its introduction, both charts, then the question with its
    # writing lines grown into the room left (it was three pages, the second half empty).
    worksheet = page_fills(folder / "who-are-our-internal-customers.pdf")
    assert len(worksheet) == 3
    assert all(fill.fill > 0.6 for fill in worksheet[:-1]) and worksheet[-1].fill > 0.5
    # The guide: no page before the last less than about half full (the agenda and the
    # activities flow on where they would have moved whole to the next page).
    guide = page_fills(folder / "facilitator-guide.pdf")
    assert len(guide) <= 6
    assert all(fill.fill > 0.45 for fill in guide[:-1])
    assert min(fill.fill for fill in guide[:3]) > 0.8


def last_lines(pdf: Path) -> list[str]:
    """The last line of content on each page, above its footer ("Page N of M" and below)."""
    texts = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    lasts = []
    for text in texts:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        footer = next((i for i, line in enumerate(lines) if line.startswith("Page ")), None)
        if footer:
            lasts.append(lines[footer - 1])
    return lasts


def test_no_heading_or_say_line_ends_a_page(builds: dict[str, Path]) -> None:
    # What flows on from a page never leaves behind a heading or a step's "3. Say:" without
    # the words it introduces.
    guides = sorted(builds["letter"].glob("module*/facilitator-guide.pdf"))
    guides += sorted(builds["letter"].glob("module*/large-print/facilitator-guide.pdf"))
    guides += sorted(builds["letter"].glob("series/*facilitator-binder.pdf"))
    assert len(guides) == 13
    for guide in guides:
        for line in last_lines(guide):
            assert not re.fullmatch(r"\d+\.\s+Say:", line), (guide, line)
            assert not line.startswith(("Activity ", "Agenda", "Materials Needed",
                                        "Suggested Facilitator Script", "Facilitator notes")), (
                guide, line)


def chart_rows(page: Page) -> list[tuple[int, list[float]]]:
    """Each chart on a page: its columns and the heights of its rows, from its drawn rules.

    A chart draws its frame and the rule under its heading row at 0.9 pt, its row and
    column rules at 0.6 pt.
    """
    def same_span(a: Line, b: Line) -> bool:
        return abs(min(a.x0, a.x1) - min(b.x0, b.x1)) < 0.5 and abs(
            max(a.x0, a.x1) - max(b.x0, b.x1)) < 0.5

    frames = [line for line in page.lines if line.horizontal and abs(line.width - 0.9) < 0.05]
    charts = []
    seen: list[Line] = []
    for line in frames:
        if any(same_span(line, other) for other in seen):
            continue
        seen.append(line)
        group = sorted({round(other.y0, 2) for other in frames if same_span(line, other)},
                       reverse=True)
        for top, body, bottom in zip(group[0::3], group[1::3], group[2::3], strict=False):
            rules = sorted({round(rule.y0, 2) for rule in page.lines
                            if rule.horizontal and abs(rule.width - 0.6) < 0.05
                            and same_span(rule, line) and bottom - 0.5 <= rule.y0 < body - 0.5},
                           reverse=True)
            if not rules or top <= body:
                continue
            edges = [body, *rules]
            heights = [round(a - b, 1) for a, b in zip(edges, edges[1:], strict=False)]
            left, right = sorted((line.x0, line.x1))
            columns = 1 + len({round(rule.x0) for rule in page.lines
                               if not rule.horizontal and abs(rule.width - 0.6) < 0.05
                               and left + 1 < rule.x0 < right - 1
                               and bottom - 0.5 <= min(rule.y0, rule.y1) < body})
            charts.append((columns, heights))
    return charts


def test_chart_rows_are_one_height_and_wide_charts_40_points(builds: dict[str, Path]) -> None:
    found = 0
    for output in builds.values():
        for pdf in sorted(output.glob("module*/*.pdf")) + sorted(
                output.glob("module*/large-print/*.pdf")):
            if "facilitator" in pdf.name:
                continue
            for page in pages(pdf):
                for columns, heights in chart_rows(page):
                    found += 1
                    assert max(heights) - min(heights) < 0.5, (pdf, heights)
                    if 3 <= columns <= 4:
                        assert min(heights) >= 40, (pdf, columns, heights)
    assert found >= 10  # the charts of modules 1 to 6 were found and measured


def test_spare_room_is_shared_with_chart_rows(builds: dict[str, Path]) -> None:
    # Module 1's chart (three columns, one-line labels: 40 pt rows) has room left under it
    # and its checklist: its rows grow into it.
    page = pages(builds["letter"] / "module1" / "our-customers-and-stakeholders.pdf")[0]
    charts = chart_rows(page)
    assert len(charts) == 1
    columns, heights = charts[0]
    assert columns == 3 and heights[0] > 42


def test_the_reflection_form_shares_its_two_pages(builds: dict[str, Path]) -> None:
    # Four questions that cannot all follow the scale on one page: the lines are shared out
    # over both pages, and neither page is left half empty.
    fills = page_fills(builds["letter"] / "module4" / "reflection-form.pdf")
    assert len(fills) == 2
    assert all(fill.fill > 0.8 for fill in fills)


def test_indents_grow_with_the_text(builds: dict[str, Path]) -> None:
    # A step's "Say" box sits under the step's text: 18 pt in, 16/10.5 times that in large print.
    def indents(pdf: Path) -> set[float]:
        return {round(fill.x - 54, 1) for page in pages(pdf) for fill in page.fills
                if fill.width > 100 and fill.x > 55}

    folder = builds["letter"] / "module2"
    assert indents(folder / "facilitator-guide.pdf") == {18.0}
    assert indents(folder / "large-print" / "facilitator-guide.pdf") == {27.4}
