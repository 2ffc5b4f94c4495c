"""Plan a module's documents, render them in memory, then write them all atomically.

A module's files are written only after every one of its documents rendered,
each to a temporary file that is renamed into place, so a failed or interrupted
build never leaves a truncated or half-updated PDF in ``output/``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from cs_handouts.build.apart import Apart
from cs_handouts.build.checks import (
    file_name_problems,
    is_parser_error,
    layout_problem,
    parser_problem,
    unprintable_problems,
)
from cs_handouts.build.module_output import (
    BuildOptions,
    ModuleResult,
    RenderedModule,
    series_theme,
    write_module,
)
from cs_handouts.content.series import LoadedModule, Series
from cs_handouts.content.theme_file import builtin_theme
from cs_handouts.content.variants import default_variant, for_variant
from cs_handouts.errors import ContentError, HandoutsError, Problem
from cs_handouts.render.email import email_bytes, email_filename
from cs_handouts.render.html import HtmlRenderer, RenderedPage
from cs_handouts.render.pdf.document import DocumentInfo, LaidOut, Part
from cs_handouts.render.pdf.fitting import PartMaker, render_fitted
from cs_handouts.render.pdf.guide import guide_story
from cs_handouts.render.pdf.handout import HandoutOptions, handout_story
from cs_handouts.render.pdf.logo import load_logo
from cs_handouts.render.pdf.online import OnlineCode, web_address
from cs_handouts.render.pdf.origin import LayoutProblem
from cs_handouts.render.pdf.packet import render_packet
from cs_handouts.render.pdf.styles import Styles, make_styles
from cs_handouts.render.rendered import RenderedPdf
from cs_handouts.render.templates import Labels
from cs_handouts.text.markup import ORIGINALS, plain, with_plain_text
from cs_handouts.text.scripts import rtl_language

GUIDE = "facilitator-guide.pdf"
_ACCESSIBLE_GUIDE = f"accessible/{GUIDE}"  # build/accessible.py's folder, the web page's name


def _guide_side(filename: str) -> bool:
    """What a forked copy renders while the process renders the rest (one module, two cores):
    the guide and the web pages (about 45 ms of module4's 115), the fonts' copies excepted;
    and the guide's accessible PDF (0.8 s of module4's 1.5 with WeasyPrint)."""
    return (filename in (GUIDE, _ACCESSIBLE_GUIDE)
            or (filename.startswith("html/") and not filename.startswith("html/fonts/")))


@dataclass(frozen=True)
class PlannedDocument:
    """One file to make: its name inside the module's folder and how to render it."""

    filename: str
    title: str
    render: Callable[[], RenderedPdf | RenderedPage]


def plan_module(series: Series, loaded: LoadedModule, options: BuildOptions) -> list[PlannedDocument]:
    """The documents of one module: the facilitator guide, each handout, the participant packet."""
    theme = series_theme(series, options)
    styles = make_styles(theme, rtl_language(series.config.language))
    config = series.config
    # The edition's delivery variant (the module's first by default) decides what is in it.
    variant = options.edition.variant or default_variant(loaded.module)
    loaded = dataclasses.replace(loaded, module=for_variant(loaded.module, variant))
    module = loaded.module
    labels = Labels(series.project.templates_dir, loaded.context)
    module_name = plain(labels("guide_title", module=module))  # metadata, in the language
    brand = config.brand
    header = labels("page_header")
    guide_title = labels("guide_subtitle")
    packet_title = labels("participant_packet")
    page_of = labels("page_of", page="{page}")

    def info(title: str, kind: str) -> DocumentInfo:
        return DocumentInfo(
            title=f"{title} ({module_name})" if title != module_name else title,
            subject=f"{config.title}: {module_name}, {kind}",
            author=brand.name or config.organization,
            header=header,
            language=config.language,
            keywords=(config.title, module_name, kind),
            footer=brand.footer or "",
            logo=series.logo,
            page_of=page_of,
        )

    def guide() -> RenderedPdf:
        online = online_code(series, loaded, options, "facilitator-guide")

        def part(_: Styles) -> Part:  # the guide keeps its own spacing; its end is fitted
            return Part(guide_title, guide_story(loaded, styles, options.start, labels),
                        online=online)

        return render_fitted([part], info(guide_title, "facilitator guide"), styles,
                             config.paper, own_spacing={0})

    # The handouts' pages as laid out for their own PDFs: the packet draws them again.
    laid_out: dict[str, LaidOut] = {}

    def one_handout(handout_id: str) -> Callable[[], RenderedPdf]:
        handout = loaded.handouts[handout_id]

        def render() -> RenderedPdf:
            pdf = render_fitted([handout_part(handout_id)], info(handout.title, handout.kind),
                                styles, config.paper, record=handout_id in distributed)
            if pdf.laid_out is not None:
                laid_out[handout_id] = pdf.laid_out
            return dataclasses.replace(pdf, laid_out=None)

        return render

    def handout_part(handout_id: str) -> PartMaker:
        handout = loaded.handouts[handout_id]
        online = online_code(series, loaded, options, handout_id)
        words = HandoutOptions(labels=labels)  # the project's labels.txt ("Other:")
        return lambda styles: Part(handout.title, handout_story(handout, handout_id, styles,
                                                                words),
                                   landscape=handout.orientation == "landscape", online=online)

    def packet() -> RenderedPdf:
        if all(h in laid_out for h in distributed):  # always, unless a handout failed
            documents = [laid_out.pop(h) for h in distributed]
            return render_packet(documents, info(packet_title, "participant packet"), styles,
                                 config.paper)
        return render_fitted([handout_part(h) for h in distributed],
                             info(packet_title, "participant packet"), styles,
                             config.paper)

    # Sheets for the facilitator alone never go in the participants' packet.
    distributed = [h for h in module.distributed() if not loaded.handouts[h].for_facilitator]
    documents: list[PlannedDocument] = []
    if "pdf" in options.formats:
        documents.append(PlannedDocument(GUIDE, "Facilitator Guide", guide))
        documents += [PlannedDocument(f"{hid}.pdf", loaded.handouts[hid].title, one_handout(hid))
                      for hid in loaded.handouts]
        if distributed:
            documents.append(PlannedDocument("participant-packet.pdf", "Participant Packet",
                                             packet))
    documents += _emails(series, loaded)
    if "html" in options.formats:
        pdfs = [doc.filename for doc in documents if doc.filename.endswith(".pdf")]
        html = HtmlRenderer(series, theme)
        documents += [PlannedDocument(page.filename, page.title, page.render)
                      for page in html.module_pages(loaded, labels, options.start, pdfs)]
    if "accessible" in options.formats:  # tagged PDFs of the web pages, by WeasyPrint
        from cs_handouts.build.accessible import accessible_documents

        documents += [PlannedDocument(*planned) for planned in
                      accessible_documents(series, loaded, labels, options.start, theme)]
    return documents


def online_code(series: Series, loaded: LoadedModule, options: BuildOptions,
                page: str) -> OnlineCode | None:
    """The QR code to a document's web twin (``page``.html of its edition), with site-url: only."""
    site = series.config.site_url
    if site is None:
        return None
    return OnlineCode(web_address(site, f"{options.edition.prefix(loaded.id)}/html/{page}.html"))


def _emails(series: Series, loaded: LoadedModule) -> list[PlannedDocument]:
    """Each e-mail of prepare: and follow-up: as an .eml file, dated by the module's session."""
    sent = next((dt.datetime.combine(session.date, session.start)
                 for session in series.config.sessions if loaded.id in session.modules), None)
    planned = []
    for section, steps in (("prepare", loaded.module.prepare),
                           ("follow-up", loaded.module.follow_up)):
        messages = [inner.email for step in steps for inner in step.all_steps()
                    if inner.email is not None]
        for number, message in enumerate(messages, start=1):
            planned.append(PlannedDocument(email_filename(section, number, message),
                                           message.subject, _eml(email_bytes(message, sent))))
    return planned


def _eml(data: bytes) -> Callable[[], RenderedPage]:
    return lambda: RenderedPage(data)


def check_look(series: Series) -> None:
    """Load the theme and every template a build would use, raising their first mistakes."""
    series_theme(series, BuildOptions(series.project.output_dir))
    for loaded in series.modules:
        Labels(series.project.templates_dir, loaded.context)("page_header")
    HtmlRenderer(series, builtin_theme()).compile_all()


def check_rendering(series: Series) -> None:
    """Fill every template as a build would, short of laying out pages: labels, stories, web pages.

    This is what finds an unknown variable in the project's templates before a build does.
    """
    from cs_handouts.build.schedule import scheduled_starts

    starts = scheduled_starts(series)
    theme = series_theme(series, BuildOptions(series.project.output_dir))
    styles = make_styles(theme)
    html = HtmlRenderer(series, theme)
    for loaded in series.modules:
        labels = Labels(series.project.templates_dir, loaded.context)
        guide_story(loaded, styles, starts.get(loaded.id), labels)
        for handout_id, handout in loaded.handouts.items():
            handout_story(handout, handout_id, styles, HandoutOptions(labels=labels))
        for page in html.module_pages(loaded, labels, starts.get(loaded.id), []):
            page.render()
    html.series_index(series.project.output_dir, set())


def check_printable(series: Series) -> None:
    """Raise what a build finds before rendering: missing glyphs, handout ids that clash."""
    options = BuildOptions(series.project.output_dir)
    problems = unprintable_problems(series, series.modules, series_theme(series, options).fonts)
    for loaded in series.modules:
        planned = [doc.filename for doc in plan_module(series, loaded, options)]
        problems += file_name_problems(loaded, _other_documents(planned, loaded))
    if problems:
        raise ContentError(sorted(set(problems)))


def _other_documents(filenames: list[str], loaded: LoadedModule) -> Counter[str]:
    """The documents that are not a handout's own PDF; a handout must not take their names."""
    return Counter(filenames) - Counter(f"{h}.pdf" for h in loaded.handouts)


def render_module(series: Series, loaded: LoadedModule, options: BuildOptions) -> RenderedModule:
    """Render every document of a module in memory, or raise a located ContentError."""
    started = time.perf_counter()
    # Form fields and choices named from the default language's text.
    token = ORIGINALS.set(with_plain_text(loaded.originals))
    try:
        return _render_module(series, loaded, options, started)
    finally:
        ORIGINALS.reset(token)


def _render_module(series: Series, loaded: LoadedModule, options: BuildOptions,
                   started: float) -> RenderedModule:
    variant = options.edition.variant
    if variant is not None and variant not in loaded.module.variants:
        location, field = loaded.locate(None, ("variants",), key=True)
        known = ", ".join(loaded.module.variants) or "none: it names no variants:"
        raise ContentError([Problem(location, field, f"--variant {variant}: the module's"
                                    f" variants are {known}")])
    problems = unprintable_problems(series, [loaded], series_theme(series, options).fonts)
    if problems:
        raise ContentError(problems)
    planned = plan_module(series, loaded, options)
    problems = file_name_problems(loaded, _other_documents([d.filename for d in planned], loaded))
    # With two cores, a copy of this process renders the guide and the web pages (about half
    # the work) while this one renders the handouts and the packet (from the handouts' pages);
    # what the copy could not render (an error) is rendered here, to report it.
    away = [doc for doc in planned if _guide_side(doc.filename)] if options.apart else []
    if not any(doc.filename == GUIDE for doc in away):
        away = []
    if away:
        read_ahead(series, options)
    apart = Apart(lambda: _rendered_or_none(away)) if away else None
    sent: dict[str, RenderedPdf | RenderedPage | None] = {}
    done: dict[str, RenderedPdf | RenderedPage] = {}
    try:
        for doc in sorted(planned, key=lambda doc: doc in away):  # those away last
            if doc in away and apart is not None and not sent:
                sent = dict(zip([d.filename for d in away], apart.result(), strict=True))
            try:
                made = sent.get(doc.filename)
                done[doc.filename] = made if made is not None else doc.render()
            except LayoutProblem as error:
                problems.append(layout_problem(loaded, error))
            except ValueError as error:  # a safety net: the checks above find these first
                if not is_parser_error(error):
                    raise
                problems.append(parser_problem(loaded, error))
    finally:
        if apart is not None:
            apart.discard()
    if problems:
        raise ContentError(sorted(set(problems)))
    rendered = [(doc.filename, done[doc.filename]) for doc in planned]
    return RenderedModule(loaded.id, rendered, time.perf_counter() - started)


def _rendered_or_none(planned: list[PlannedDocument]) -> list[RenderedPdf | RenderedPage | None]:
    """Each document rendered, or None where rendering failed (it is rendered again where
    its error is reported)."""
    rendered: list[RenderedPdf | RenderedPage | None] = []
    for doc in planned:
        try:
            rendered.append(doc.render())
        except Exception:  # noqa: BLE001 - met again, and reported, by the process building
            rendered.append(None)
    return rendered


def read_ahead(series: Series, options: BuildOptions, faces: tuple[str, ...] = ("regular", "bold")
               ) -> None:
    """What every process about to render would first read, read once before forking: the
    body's faces (read when first used) and the logo (an SVG logo brings svglib: 30 ms)."""
    _read_faces(make_styles(series_theme(series, options), rtl_language(series.config.language)),
                faces)
    try:
        if (path := series.logo) is not None and load_logo(path, False).drawing is not None:
            import reportlab.graphics.renderPDF  # noqa: F401  (an SVG logo is drawn with it)
    except HandoutsError:
        pass  # each document reports it, where it draws the logo


def read_body_faces() -> None:
    """The built-in theme's body faces, read before any series is known (see ``warm.py``):
    most series print in them; a series with faces of its own reads those when it renders."""
    _read_faces(make_styles(builtin_theme()), ("regular", "bold"))


def _read_faces(styles: Styles, faces: tuple[str, ...]) -> None:
    from reportlab.pdfbase import pdfmetrics

    for face in faces:
        pdfmetrics.getFont(getattr(styles, face))


def build_module(series: Series, loaded: LoadedModule, options: BuildOptions) -> ModuleResult:
    """Render every document of a module, then write them into ``output/<module>/``."""
    return write_module(render_module(series, loaded, options), options)

