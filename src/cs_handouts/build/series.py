"""The series documents in ``output/series/``: overview, binder, materials, agenda, calendar."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from cs_handouts.build.module_output import BuildOptions, ModuleResult, WrittenFile, series_theme
from cs_handouts.build.output import write_files
from cs_handouts.build.schedule import scheduled_starts, series_schedule, series_words
from cs_handouts.content.series import LoadedModule, Series
from cs_handouts.render.pdf.document import DocumentInfo, PageLayout, Part, render_pdf
from cs_handouts.render.pdf.fitting import PartMaker, render_fitted
from cs_handouts.render.pdf.guide import guide_story
from cs_handouts.render.pdf.series import (
    agenda_story,
    contents_story,
    materials_story,
    overview_story,
)
from cs_handouts.render.pdf.styles import Styles, make_styles
from cs_handouts.render.rendered import RenderedPdf
from cs_handouts.render.templates import Labels, module_name
from cs_handouts.text.scripts import rtl_language

SERIES_FOLDER = "series"
CALENDAR_NAME = "sessions.ics"


def plan_series_documents(series: Series, guide_pages: dict[str, int],
                          handout_pages: dict[tuple[str, str], int], options: BuildOptions,
                          guide_ways: dict[str, str] | None = None
                          ) -> list[tuple[str, Callable[[], RenderedPdf]]]:
    """The series documents to render: (file name, how to render it).

    ``guide_ways``: how fitting laid out each module's guide (``RenderedPdf.ways``), so that
    the binder lays each out the same way without trying others.
    """
    config = series.config
    styles = make_styles(series_theme(series, options), rtl_language(config.language))
    brand = config.brand
    plans = series_schedule(series)
    word = series_words(series)
    by_id = {m.id: m for m in series.modules}

    def info(title: str, kind: str) -> DocumentInfo:
        return DocumentInfo(title=f"{title} ({config.title})", subject=f"{config.title}: {kind}",
                            author=brand.name or config.organization, header=config.title,
                            language=config.language, keywords=(config.title, kind),
                            footer=brand.footer or "",
                            logo=series.logo,
                            page_of=word("page_of", page="{page}"),
                            blank_notice=word("blank_page"))

    # Laid out again, tighter, where a last page would hold only a remnant.
    def overview() -> RenderedPdf:
        title = word("overview_title")
        return render_fitted([lambda styles: Part(title, overview_story(
            config, series.modules, plans, styles, word))], info(title, "overview"),
            styles, config.paper)

    def materials() -> RenderedPdf:
        return render_fitted([lambda styles: Part(word("materials_title"), materials_story(
            config, series.modules, handout_pages, styles, word))],
            info(word("materials_title"), "materials roll-up"), styles, config.paper)

    def agenda() -> RenderedPdf:
        parts = [Part(plan.title, agenda_story(config, plan, by_id, styles, word))
                 for plan in plans]
        return render_pdf(parts, info(word("agenda_heading"), "participant agenda"), styles,
                          config.paper)

    def binder() -> RenderedPdf:
        return render_binder(series, styles, guide_pages, info(word("binder_title"), "binder"),
                             options.start, guide_ways or {})

    documents = [("overview.pdf", overview), ("facilitator-binder.pdf", binder),
                 ("materials.pdf", materials)]
    if plans:
        documents.append(("agenda.pdf", agenda))
    return documents


def render_binder(series: Series, styles: Styles, guide_pages: dict[str, int],
                  info: DocumentInfo, start: dt.time | None = None,
                  guide_ways: dict[str, str] | None = None) -> RenderedPdf:
    """Every facilitator guide in one PDF, after a table of contents, pages numbered throughout.

    The contents' page numbers come from each guide's page count as built on its own;
    the binder records where each part really starts, and is laid out again in the
    rare case they differ. Each guide starts on a page of its own, so it is laid out as in
    its own PDF: with the way fitting chose there (``guide_ways``), when every guide's is
    known, the binder is laid out once instead of once for each way tried.
    """
    config = series.config
    word = series_words(series)
    starts = scheduled_starts(series)
    if start is not None:  # --start: every guide from that time, as each module's own guide
        starts = {m.id: start for m in series.modules}

    def layout(first_pages: list[int]) -> RenderedPdf:
        entries = [(module_name(m, word), m.module.minutes, page)
                   for m, page in zip(series.modules, first_pages, strict=True)]
        def contents(_: Styles) -> Part:
            return Part(word("contents_heading"), contents_story(config, entries, styles, word),
                        nested=True)

        def guide(loaded: LoadedModule) -> PartMaker:
            labels = Labels(series.project.templates_dir, loaded.context)
            # Each guide keeps its own spacing, and ends as it does on its own (fitted).
            return lambda _: Part(module_name(loaded, word),
                                  guide_story(loaded, styles, starts.get(loaded.id), labels,
                                              field_prefix=f"{loaded.id}.guide"), nested=True)

        # Duplex: every guide starts on a right-hand page, as a binder's sections do.
        makers = [contents, *(guide(m) for m in series.modules)]
        known = [(guide_ways or {}).get(m.id, "") for m in series.modules]
        ways = None
        # A guide's own PDF has a QR code's taller footer with site-url:, so other pages.
        if all(known) and config.site_url is None:  # contents fitted alone, then all at once
            ways = [*render_fitted([contents], info, styles, config.paper,
                                   PageLayout(duplex=True), own_spacing={0},
                                   continuous=True).ways, *known]
        return render_fitted(makers, info, styles, config.paper, PageLayout(duplex=True),
                             own_spacing=range(len(makers)), continuous=True, ways=ways)

    contents_pages = 2 + len(series.modules) // 30  # cover and contents: a first guess
    guess, page = [], contents_pages + 1
    for loaded in series.modules:
        page += page % 2 == 0  # a blank back page before it
        guess.append(page)
        page += guide_pages.get(loaded.id, 1)
    pdf = layout(guess)
    actual = list(pdf.part_pages[1:])
    return pdf if actual == guess else layout(actual)


def series_document_names(series: Series) -> list[str]:
    """The file names of the series documents this series has."""
    names = ["overview.pdf", "facilitator-binder.pdf", "materials.pdf"]
    return names + (["agenda.pdf"] if series.config.sessions else [])


def render_series_document(series: Series, name: str, guide_pages: dict[str, int],
                           handout_pages: dict[tuple[str, str], int],
                           options: BuildOptions, guide_ways: dict[str, str] | None = None
                           ) -> RenderedPdf:
    """Render one series document by file name (a top-level function, for worker processes)."""
    documents = dict(plan_series_documents(series, guide_pages, handout_pages, options,
                                           guide_ways))
    return documents[name]()


def build_series_documents(series: Series, options: BuildOptions, guide_pages: dict[str, int],
                           handout_pages: dict[tuple[str, str], int],
                           render: Callable[..., list[RenderedPdf]] | None = None,
                           guide_ways: dict[str, str] | None = None) -> ModuleResult:
    """Render the series documents, then write them all into ``output/series/``.

    ``render`` may lay the documents out elsewhere (in worker processes); it is given
    this function's arguments and the file names, and returns the PDFs in that order.
    """
    started = time.perf_counter()
    folder = options.edition.prefix(SERIES_FOLDER)
    names = series_document_names(series)
    if render is None:
        pdfs = [render_series_document(series, name, guide_pages, handout_pages, options,
                                       guide_ways) for name in names]
    else:
        pdfs = render(series, names, guide_pages, handout_pages, options, guide_ways or {})
    calendar = sessions_calendar_file(series)
    files = {f"{folder}/{name}": pdf.data for name, pdf in zip(names, pdfs, strict=True)}
    if calendar is not None:
        files[f"{folder}/{CALENDAR_NAME}"] = calendar
    paths = write_files(options.output_dir, files)
    written = [WrittenFile(path, pdf.pages, len(pdf.data))
               for path, pdf in zip(paths[:len(pdfs)], pdfs, strict=True)]
    if calendar is not None:
        written.append(WrittenFile(paths[-1], 0, len(calendar)))
    return ModuleResult(SERIES_FOLDER, written, time.perf_counter() - started)


def sessions_calendar_file(series: Series) -> bytes | None:
    """``sessions.ics``: the sessions for calendar programs (None when no sessions are listed)."""
    from cs_handouts.render.calendar import sessions_calendar  # icalendar only when needed

    plans = series_schedule(series)
    return sessions_calendar(series.config, plans) if plans else None
