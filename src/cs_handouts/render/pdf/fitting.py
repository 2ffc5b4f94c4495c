"""No half-empty pages: parts are laid out again where a page would be left mostly empty.

A document is laid out once. Each part whose last page is less than half full is laid out
in other ways too: from the tight theme (half the space between blocks, shorter blank chart
rows) where that saves a page, and with its last two or three blocks kept together, so the
last page holds more than a remnant. Each part keeps the way that leaves none of its pages
but the last half empty, then the fewest remnants, then the fullest emptiest page. Then the
room left at the foot of every page is shared out: more writing lines for the answers on
it, taller rows for its charts.

Each different layout is laid out once, and tries are measured, not drawn. The plain
layout notes where each tail it could keep together begins (tails.py): a tail that fits
there is the plain layout; one that does not is measured alone, from the top of a page, and
spliced onto the plain layout's pages. Tries that come to one layout are one.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from typing import Any

from reportlab.platypus import Flowable

from cs_handouts.render.pdf.document import (
    CoverPage,
    DocumentInfo,
    PageLayout,
    Part,
    render_pdf,
)
from cs_handouts.render.pdf.flowables import EXTRA_LINES, EXTRA_ROW_HEIGHT
from cs_handouts.render.pdf.styles import Styles, make_styles
from cs_handouts.render.pdf.tails import TAILS, TailSpot, keep_tail, probed, spliced
from cs_handouts.render.rendered import RenderedPdf

NEAR_EMPTY = 0.25  # a last page less full than this holds a remnant
HALF = 0.5  # a page less full than this, other than a part's last, reads as half empty
MAX_EXTRA = 6  # most lines a question gains from spare room
MAX_ROW_GROWTH = 0.5  # a chart's rows grow by at most half the theme's row height
PartMaker = Callable[[Styles], Part]
Way = str  # how a part is laid out: "plain", "tight", "tail1", "tail2", "tail3"
WAYS = ("plain", "tight", *(f"tail{kept}" for kept in TAILS))


def render_fitted(makers: Sequence[PartMaker], info: DocumentInfo, styles: Styles,
                  paper: str = "letter", layout: PageLayout | None = None, *,
                  own_spacing: Collection[int] = (), ways: Sequence[Way] | None = None,
                  **options: Any) -> RenderedPdf:
    """Lay out the parts; no page but a part's last is half empty, room left is room to write.

    ``own_spacing``: the parts (by index) whose makers keep their own spacing whatever the
    styles (a guide): never worth a try in the tight theme. ``ways``: how each part is to
    be laid out, as chosen before (a guide in the binder, as in its own PDF); nothing is
    tried then. The result says the ways chosen (``RenderedPdf.ways``).
    """
    layout = layout or PageLayout()
    # Each layout is tried unsaved: only the one kept is written out as a PDF.
    options = {**options, "unsaved": True}

    def render(parts: list[Part], measure: bool = False) -> RenderedPdf:
        return render_pdf(parts, info, styles, paper, layout, measure=measure, **options)

    if ways is not None and len(ways) == len(makers) and all(w in WAYS for w in ways):
        chosen, parts = list(ways), _made(makers, styles, ways)
        made = parts()
        pdf = render(made, _lands(made))
    else:
        # A tail of a lone part (no padding pages) is measured alone, spliced onto the plain.
        alone = len(makers) == 1 and not layout.duplex
        pdf, chosen, parts = _fullest(makers, styles, render, own_spacing, alone)

    def drawn() -> RenderedPdf:  # the chosen layout, drawn if it was only measured
        pdf_drawn = render(parts()).saved() if pdf.measured else pdf.saved()
        return dataclasses.replace(pdf_drawn, ways=tuple(chosen))

    lines, rows = _shared_out(pdf, styles)
    if not lines and not rows:
        return drawn()
    tokens = EXTRA_LINES.set(lines), EXTRA_ROW_HEIGHT.set(rows)
    try:  # the same layout as chosen, with the extra lines and taller rows
        roomier = render(parts())
    finally:
        EXTRA_LINES.reset(tokens[0])
        EXTRA_ROW_HEIGHT.reset(tokens[1])
    same = (roomier.part_counts == pdf.part_counts
            and roomier.answer_pages == pdf.answer_pages
            and [c[:2] for c in roomier.chart_pages] == [c[:2] for c in pdf.chart_pages])
    return dataclasses.replace(roomier.saved(), ways=tuple(chosen)) if same else drawn()


def _made(makers: Sequence[PartMaker], styles: Styles, ways: Sequence[Way],
          probes: list[tuple[dict[int, TailSpot], dict[Way, int | None]]] | None = None,
          tight_styles: list[Styles] | None = None) -> Callable[[], list[Part]]:
    """How to make the parts, each its way, afresh each time (ReportLab marks what it laid out);
    with ``probes``, the plain parts note whether their tails fit where they begin."""
    tight = tight_styles if tight_styles is not None else []

    def parts() -> list[Part]:
        made = []
        for index, (maker, way) in enumerate(zip(makers, ways, strict=True)):
            if way == "tight":
                if not tight:
                    tight.append(make_styles(styles.theme.tight(), styles.rtl))
                made.append(maker(tight[0]))
            elif way.startswith("tail"):
                made.append(keep_tail(maker(styles), int(way[4:])))
            elif probes is not None:
                made.append(probed(maker(styles), *probes[index]))
            else:
                made.append(maker(styles))
        return made
    return parts


def _fullest(makers: Sequence[PartMaker], styles: Styles,
             render: Callable[[list[Part], bool], RenderedPdf], own_spacing: Collection[int],
             alone: bool = False) -> tuple[RenderedPdf, list[Way], Callable[[], list[Part]]]:
    """The layout chosen, the way of each part, and how to make its parts again.

    Layouts tried are only measured, not drawn; the first is drawn too unless it has answers
    or charts, whose spare room will be shared out in a layout drawn again anyway. With
    ``alone`` (one part, no padding pages), a tail that moves on is measured by itself.
    """
    tight_styles: list[Styles] = []

    def make(ways: Sequence[Way],
             probes: list[tuple[dict[int, TailSpot], dict[Way, int | None]]] | None = None
             ) -> Callable[[], list[Part]]:
        return _made(makers, styles, ways, probes, tight_styles)

    plain: list[Way] = ["plain"] * len(makers)
    # Where each part's tails begin, and whether each fits there in the plain layout.
    starts: list[dict[Way, int | None]] = [{} for _ in makers]
    spots: list[dict[int, TailSpot]] = [{} for _ in makers]
    made = make(plain, list(zip(spots, starts, strict=True)))()
    first = render(made, _lands(made))
    # A last page less than half full is worth evening out where it has room to write
    # (answers, charts) to share; else only a remnant is.
    uneven = [index for index in range(len(makers))
              if _last_fill(first, index) < (HALF if _writes(first, index) else NEAR_EMPTY)]
    if not uneven:
        return first, plain, make(plain)

    def same_as(ways: Sequence[Way]) -> tuple[object, ...]:
        """What the layout of these ways comes to: a tail that fits where it begins, or that
        is the whole story, is the plain way; two tails that begin at one block are one."""
        comes_to: list[object] = []
        for index, way in enumerate(ways):
            if way.startswith("tail"):
                start = starts[index][way]
                spot = spots[index].get(start) if start is not None else None
                comes_to.append("plain" if start is None or (spot and spot.fits) else start)
            else:
                comes_to.append(way)
        return tuple(comes_to)

    laid_out: dict[tuple[object, ...], RenderedPdf] = {same_as(plain): first}

    def layout(ways: Sequence[Way]) -> RenderedPdf:
        key = same_as(ways)
        if key not in laid_out:
            start = key[0]
            spot = spots[0].get(start) if alone and isinstance(start, int) else None
            if spot is not None and isinstance(start, int):
                laid_out[key] = spliced(first, spot, makers[0](styles), start,
                                        lambda part: render([part], True))
            else:
                laid_out[key] = render(make(ways)(), True)
        return laid_out[key]

    tried: dict[Way, RenderedPdf] = {"plain": first}
    remnants = [index for index in uneven
                if _last_fill(first, index) < NEAR_EMPTY and index not in own_spacing]
    if remnants:
        tried["tight"] = layout(_only(remnants, "tight", plain))
    for kept in TAILS:
        way = f"tail{kept}"
        tried[way] = layout(_only(uneven, way, plain))
    chosen = list(plain)
    for index in uneven:
        chosen[index] = min(tried, key=lambda way: _score(tried[way], index, way, first, styles))
    return layout(chosen), chosen, make(chosen)


def _lands(parts: Sequence[Part]) -> bool:
    """Whether the parts hold an answer or a chart (a flowable that notes where it ``landed``)."""
    def lands(flowables: Sequence[Flowable]) -> bool:
        return any((hasattr(flowable, "landed") and not isinstance(flowable, CoverPage))
                   or lands(getattr(flowable, "_content", ())) for flowable in flowables)
    return any(lands(part.story) for part in parts)


def _only(indexes: Sequence[int], way: Way, others: Sequence[Way]) -> list[Way]:
    return [way if index in indexes else other for index, other in enumerate(others)]


def _pages(pdf: RenderedPdf, index: int) -> range:
    """The page numbers of a part."""
    return range(pdf.part_pages[index], pdf.part_pages[index] + pdf.part_counts[index])


def _writes(pdf: RenderedPdf, index: int) -> bool:
    """Whether a part has answers or charts, which take a share of the room left."""
    pages = _pages(pdf, index)
    return any(page in pages for _, page in pdf.answer_pages) or any(
        page in pages for _, page, _ in pdf.chart_pages)


def _last_fill(pdf: RenderedPdf, index: int) -> float:
    pages = _pages(pdf, index)
    return pdf.page_fill[pages[-1] - 1] if len(pages) > 1 else 1.0


def _score(pdf: RenderedPdf, index: int, way: Way, plain: RenderedPdf,
           styles: Styles) -> tuple[float, ...]:
    """Lower is better: fewer pages; then no page but the last less than half full and no
    last page holding a remnant (the worse of the two shortfalls, a remnant counted
    double); then the emptiest page as full as can be (to a tenth: else the first way,
    plain, stays). Pages are judged as they will be
    once their spare room is shared out.

    The tight theme counts only where it saves a page: it is not worth its cramped look else.
    """
    pages = _pages(pdf, index)
    if way == "tight" and len(pages) >= plain.part_counts[index]:
        return (float("inf"),)
    grown = _growth(pdf, styles)
    fills = []
    for page in pages:
        fill, spare = pdf.page_fill[page - 1], pdf.page_spare[page - 1]
        frame = spare / (1 - fill) if fill < 1 else 1.0
        fills.append(min(1.0, fill + grown.get(page, 0.0) / frame))
    shortfall = max([HALF - fill for fill in fills[:-1]]
                    + [2 * (NEAR_EMPTY - fills[-1]) if len(fills) > 1 else 0.0, 0.0])
    return (len(fills), round(shortfall, 2), -round(min(fills), 1))


def _growth(pdf: RenderedPdf, styles: Styles) -> dict[int, float]:
    """How many points the shared-out room adds to each page."""
    lines, heights = _shared_out(pdf, styles)
    grown: dict[int, float] = defaultdict(float)
    for name, page in pdf.answer_pages:
        grown[page] += lines.get(name, 0) * styles.theme.line_spacing
    for name, page, rows in pdf.chart_pages:
        grown[page] += heights.get(name, 0.0) * rows
    return grown


def _shared_out(pdf: RenderedPdf, styles: Styles) -> tuple[dict[str, int], dict[str, float]]:
    """More lines for the answers on each page and taller rows for its charts, sharing the room
    left at its foot: an equal share for each answer and each chart."""
    gap = styles.theme.line_spacing
    answers: dict[int, list[str]] = defaultdict(list)
    for name, page in pdf.answer_pages:
        if not name.endswith(("-a", "-b")):  # not an answer split over two pages
            answers[page].append(name)
    charts: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for name, page, rows in pdf.chart_pages:
        charts[page].append((name, rows))
    lines: dict[str, int] = {}
    heights: dict[str, float] = {}
    most_growth = styles.theme.chart_row_height * MAX_ROW_GROWTH
    for page in sorted(set(answers) | set(charts)):
        # Keep a line's worth of the room free: the page should not look crammed either.
        room = pdf.page_spare[page - 1] - gap
        if room < gap / 2:
            continue
        share = room / (len(answers[page]) + len(charts[page]))
        for name in answers[page]:
            if (extra := min(MAX_EXTRA, int(share // gap))) > 0:
                lines[name] = extra
        for name, rows in charts[page]:
            if (growth := min(most_growth, share / rows)) >= 2:
                heights[name] = round(growth, 2)
    return lines, heights
