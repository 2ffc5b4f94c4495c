"""How far down a page its content reaches, read from what the page draws.

The page furniture (the header down to its rule, the footer up to the rule above "Page N
of M") is left out: a page's content is every text, painted path and picture between.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from tests.pdfdraw import Page, pages

PAGE_OF = re.compile(r"Page (\d+) of (\d+)")


@dataclass(frozen=True)
class PageFill:
    """One numbered page: its number in its part, the part's pages, and where content ends."""

    index: int  # 1-based, in the document
    number: int  # "Page N of M": N
    of: int  # M
    fill: float  # how far down the room between header and footer the content reaches


def content_fill(page: Page) -> float | None:
    """How much of the room between the header's rule and the footer's the content takes,
    down to its lowest ink, from 0 to 1; None for a page without "Page N of"."""
    footers = [text for text in page.texts if text.text.startswith("Page ")]
    if not footers:
        return None
    footer = min(footers, key=lambda text: text.y)
    rule = footer.y + footer.size * 1.4 + 1.5  # the footer's rule sits 1.4 lines above it
    # The header's rule: the highest line across most of the page.
    top = max((line.y0 for line in page.lines
               if line.horizontal and abs(line.x1 - line.x0) > page.width * 0.6),
              default=page.height)
    marks = [text.y for text in page.texts if rule < text.y < top]
    marks += [min(line.y0, line.y1) for line in page.lines if rule < min(line.y0, line.y1) < top]
    marks += [box.y for box in [*page.fills, *page.images] if rule < box.y < top]
    bottom = min(marks, default=top)
    return (top - bottom) / (top - rule)


def page_fills(pdf: Path) -> list[PageFill]:
    """Every page with a "Page N of M" footer (not a blank padding page), with its fill."""
    texts = subprocess.run(["pdftotext", "-q", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    result = []
    for index, page in enumerate(pages(pdf), start=1):
        fill = content_fill(page)
        numbers = PAGE_OF.findall(texts[index - 1])
        if fill is None or not numbers:
            continue
        number, of = map(int, numbers[-1])
        result.append(PageFill(index, number, of, fill))
    return result


def part_starts(pdf: Path) -> set[int]:
    """The pages a binder's parts begin on: its top-level bookmarks."""
    reader = PdfReader(pdf)
    return {reader.get_destination_page_number(entry) + 1 for entry in reader.outline
            if not isinstance(entry, list)}


def half_empty_pages(pdf: Path, least: float = 0.5) -> list[int]:
    """Pages filled less than ``least``, other than a part's last page.

    In the binder, pages are numbered through the whole document: there a part's last
    page is the one before a top-level bookmark (a guide), and the first page is the cover.
    """
    fills = page_fills(pdf)
    binder = pdf.name == "facilitator-binder.pdf"
    starts = part_starts(pdf) if binder else set()
    numbered = {fill.index for fill in fills}
    faults = []
    for fill in fills:
        last = fill.number == fill.of or fill.index + 1 not in numbered  # before a blank page
        if binder:
            last = last or fill.index + 1 in starts or fill.index == 1
        if not last and fill.fill < least:
            faults.append(fill.index)
    return faults
