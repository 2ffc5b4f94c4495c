"""Print day: the packets, sign-in sheet, name tents, certificates and print list of a module.

Everything is rendered in memory first, for every module asked for; only then is
anything written (each file atomically), so a bad roster or option writes nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from cs_handouts.build.checks import check_printable_modules, printable
from cs_handouts.build.output import write_files
from cs_handouts.build.schedule import scheduled_starts
from cs_handouts.content.model import Handout
from cs_handouts.content.series import LoadedModule, Series
from cs_handouts.content.theme_file import load_theme
from cs_handouts.errors import HandoutsError, Problem, display_path
from cs_handouts.printday.printlist import (
    MaterialLine,
    PrintJob,
    PrintList,
    to_csv,
    to_text,
)
from cs_handouts.printday.roster import Roster, RosterError, read_roster
from cs_handouts.render.grayscale import grayscale_theme
from cs_handouts.render.pdf.certificate import Certificate, render_certificates
from cs_handouts.render.pdf.document import (
    PAGE_SIZES,
    DocumentInfo,
    PageLayout,
    Part,
    render_pdf,
)
from cs_handouts.render.pdf.fitting import PartMaker, render_fitted
from cs_handouts.render.pdf.fonts import can_draw
from cs_handouts.render.pdf.guide import guide_story
from cs_handouts.render.pdf.handout import HandoutOptions, handout_story
from cs_handouts.render.pdf.nametents import Tent, render_name_tents
from cs_handouts.render.pdf.online import OnlineCode, web_address
from cs_handouts.render.pdf.origin import MAX_PART_PAGES
from cs_handouts.render.pdf.signin import SignInRow, sign_in_story
from cs_handouts.render.pdf.styles import Styles, make_styles
from cs_handouts.render.rendered import RenderedPdf
from cs_handouts.render.templates import Labels
from cs_handouts.text.markup import plain
from cs_handouts.text.scripts import rtl_language
from cs_handouts.timing.clock import long_date

# 3/8 inch on the inside edge: a 1 1/8-inch margin, where 3-hole punch holes (5/16 inch,
# centred about 1/2 inch from the edge) end near 11/16 inch, well clear of the text.
PUNCH_GUTTER = 27.0
PRINT_FOLDER = "print"
# Files a print set may hold; one not made this time is removed so it is not printed stale.
OWN_FILES = ("participant-packet.pdf", "facilitator-packet.pdf", "sign-in-sheet.pdf",
             "name-tents.pdf", "certificates.pdf", "print-list.csv", "print-list.txt")
SERIES_LIST = "print-list"
SERIES_CERTIFICATES = "series-certificates.pdf"
MAX_PARTICIPANTS = 2000


@dataclass(frozen=True)
class PrintOptions:
    """How to print: for how many, on what paper, one side or both, and from which roster."""

    output_dir: Path
    participants: int | None = None  # default: the roster's size
    duplex: bool = True
    paper: str | None = None  # default: handouts.yaml's paper
    grayscale: bool = False
    punch: bool = False
    roster: Path | None = None
    date: dt.date | None = None  # the workshop's date; default: handouts.yaml's, else today
    table_size: int = 6
    notes_pages: bool = False  # duplex padding pages as ruled Notes pages


@dataclass(frozen=True)
class _Settings:
    """The options resolved against the series: every value known and checked."""

    participants: int
    duplex: bool
    paper: str
    punch: bool
    grayscale: bool
    styles: Styles
    date: dt.date | None  # --date; else each module's session date (see ``_workshop_date``)
    table_size: int
    roster: Roster | None
    warnings: list[str]
    notes_pages: bool = False


@dataclass
class ModulePrint:
    """A module's print set, rendered: file name -> PDF or text, and its print list."""

    module_id: str
    folder: Path
    files: dict[str, bytes] = field(default_factory=dict)
    print_list: PrintList | None = None


@dataclass(frozen=True)
class PrintResult:
    """What ``print_modules`` wrote."""

    modules: list[ModulePrint]
    written: list[Path]
    series_list: PrintList | None
    readable_lists: list[Path]  # the print-list.txt to read: the series', else each module's
    warnings: list[str]

    def sheets_by_paper(self) -> dict[str, int]:
        """Sheets to print in all, per kind of paper."""
        if self.series_list is not None:
            return self.series_list.sheets_by_paper()
        totals: dict[str, int] = {}
        for module_print in self.modules:
            assert module_print.print_list is not None
            for paper, sheets in module_print.print_list.sheets_by_paper().items():
                totals[paper] = totals.get(paper, 0) + sheets
        return totals


def print_modules(series: Series, module_ids: list[str], options: PrintOptions,
                  *, whole_series: bool = False) -> PrintResult:
    """Render the print set of each module (every module if the list is empty), then write."""
    wanted = [series.module(mid) for mid in module_ids] if module_ids else series.modules
    if not wanted:
        raise HandoutsError("the series has no modules to print")
    settings = _settings(series, options)
    check_printable_modules(series, wanted)
    tents = _tent_modules(series, wanted)
    prints = [printable(loaded, _print_module, series, loaded, settings, options.output_dir,
                        tents.get(loaded.id))
              for loaded in wanted]
    series_files: dict[str, bytes] = {}
    series_list = None
    if whole_series:
        extra = []
        if settings.roster:
            pdf = _series_certificates(series, wanted, settings)
            series_files[SERIES_CERTIFICATES] = pdf.data
            extra.append(PrintJob("series", "Series certificates of completion",
                                  SERIES_CERTIFICATES, pdf.pages, 1, False,
                                  f"{settings.paper} cardstock",
                                  "one page per participant, for the whole series"))
        series_list = _series_list(series, prints, extra)
        series_files[f"{SERIES_LIST}.csv"] = to_csv(series_list).encode("utf-8")
        series_files[f"{SERIES_LIST}.txt"] = to_text(series_list).encode("utf-8")
    written: list[Path] = []
    for module_print in prints:  # each module's set all at once: all old or all new
        folder = f"{module_print.module_id}/{PRINT_FOLDER}"
        written += write_files(options.output_dir,
                               {f"{folder}/{name}": data for name, data in module_print.files.items()},
                               [f"{folder}/{name}" for name in OWN_FILES
                                if name not in module_print.files])
    readable = [module_print.folder / "print-list.txt" for module_print in prints]
    if whole_series:
        stale = [] if SERIES_CERTIFICATES in series_files else [SERIES_CERTIFICATES]
        written += write_files(options.output_dir, series_files, stale)
        readable = [options.output_dir / f"{SERIES_LIST}.txt"]
    return PrintResult(prints, written, series_list, readable, settings.warnings)


def _settings(series: Series, options: PrintOptions) -> _Settings:
    paper = (options.paper or series.config.paper).strip().lower()
    if paper not in PAGE_SIZES:
        raise HandoutsError(f"--paper: unknown paper size '{options.paper}'; "
                            f"choose one of: {', '.join(PAGE_SIZES)}")
    if options.table_size < 1:
        raise HandoutsError(f"--table-size: must be 1 or more, got {options.table_size}")
    roster = read_roster(options.roster) if options.roster else None
    participants = options.participants
    if participants is None:
        if roster is None:
            raise HandoutsError("say how many participants to print for: --participants 24, "
                                "or give a roster: --roster roster.csv")
        participants = len(roster.participants)
    if participants < 1:
        raise HandoutsError(f"--participants: must be 1 or more, got {participants}")
    if participants > MAX_PARTICIPANTS:  # a slip of the finger would print a forest
        if options.participants is None and roster is not None:
            raise HandoutsError(f"{display_path(roster.file)}: {participants} participants; a"
                                f" print set is for at most {MAX_PARTICIPANTS}")
        raise HandoutsError(f"--participants: at most {MAX_PARTICIPANTS}, got {participants}")
    warnings = []
    if roster is not None and participants < len(roster.participants):
        # Everyone on the roster gets a line, a name tent and a certificate, and a packet.
        warnings.append(f"warning: {display_path(roster.file)} has {len(roster.participants)}"
                        f" names, more than --participants {participants}: printing for"
                        f" {len(roster.participants)}")
        participants = len(roster.participants)
    # The build's look: built-in theme, the brand's colours, the project's theme.yaml.
    theme = load_theme(series.project.templates_dir, series.config.brand)
    if options.grayscale:
        theme = grayscale_theme(theme)
    if roster is not None:
        _check_glyphs(roster, theme.fonts)
    rtl = rtl_language(series.config.language)  # mirrored pages, as the build makes them
    return _Settings(participants, options.duplex, paper, options.punch, options.grayscale,
                     make_styles(theme, rtl), options.date, options.table_size, roster, warnings,
                     options.notes_pages)


def _workshop_date(series: Series, settings: _Settings, module_ids: list[str]) -> str:
    """--date, else the day the modules are taught (the last of them), else ``date:``, else today."""
    days = [session.date for session in series.config.sessions
            if any(module_id in session.modules for module_id in module_ids)]
    day = settings.date or max(days, default=None) or series.config.date or dt.date.today()
    return long_date(day, series.config.language)  # "January 19, 2027", "19 de enero de 2027"


def _check_glyphs(roster: Roster, fonts: tuple[str, ...]) -> None:
    """Every name and school must print as letters, never as empty boxes."""
    problems = []
    for person in roster.participants:
        for column, value in (("name", person.name), ("school", person.school)):
            missing = can_draw(fonts, value)
            if missing:
                problems.append(Problem(
                    roster.location(person), column,
                    f"'{value}' has characters the font cannot draw: {' '.join(missing)}"
                    f" (the fonts {', '.join(fonts)} have no glyph for them)"))
    if problems:
        raise RosterError(problems)


def _tent_modules(series: Series, wanted: list[LoadedModule]) -> dict[str, str]:
    """Which printed modules carry the name tents, and for whom: one set per session.

    The first module printed of each session gets them (for the session's modules); a
    module in no session gets its own.
    """
    ids = [loaded.id for loaded in wanted]
    tents: dict[str, str] = {}
    placed: set[str] = set()
    for session in series.config.sessions:
        printed = [module for module in session.modules if module in ids and module not in placed]
        if printed:
            title = session.title or "the session"
            tents[printed[0]] = f"one page per participant, for {title}"
            placed.update(session.modules)
    for module_id in ids:
        if module_id not in placed:
            tents[module_id] = "one page per participant"
    return tents


def _print_module(series: Series, loaded: LoadedModule, settings: _Settings,
                  output_dir: Path, tents: str | None = None) -> ModulePrint:
    """Render one module's print set and its print list, in memory; ``tents``: with name tents."""
    printer = _ModulePrinter(series, loaded, settings, output_dir)
    printer.packets()
    printer.sign_in_sheet()
    if settings.roster:
        printer.name_tents_and_certificates(settings.roster, tents)
    result, config = printer.result, series.config
    result.print_list = PrintList(f"Print list: {config.title}, {printer.module_name}",
                                  printer.jobs, _materials(loaded, settings))
    result.files["print-list.csv"] = to_csv(result.print_list).encode("utf-8")
    result.files["print-list.txt"] = to_text(result.print_list).encode("utf-8")
    return result


class _ModulePrinter:
    """Renders a module's print documents one by one, noting each as a print job."""

    def __init__(self, series: Series, loaded: LoadedModule, settings: _Settings,
                 output_dir: Path) -> None:
        self.config, self.loaded, self.settings = series.config, loaded, settings
        self.labels = Labels(series.project.templates_dir, loaded.context)
        self.module_name = self.word("guide_title")
        brand = series.config.brand
        self.organization = brand.name or series.config.organization
        self.logo = series.logo
        self.styles, self.paper = settings.styles, settings.paper
        self.result = ModulePrint(loaded.id, output_dir / loaded.id / PRINT_FOLDER)
        self.jobs: list[PrintJob] = []
        self.date = _workshop_date(series, settings, [loaded.id])
        self.start = scheduled_starts(series).get(loaded.id)

    def word(self, block: str, **values: object) -> str:
        """A label of labels.txt in the series' language, as plain text."""
        return plain(self.labels(block, **values))

    def info(self, title: str, kind: str) -> DocumentInfo:
        """The metadata, header and footer the build gives the same documents."""
        config, module_name = self.config, self.module_name
        return DocumentInfo(title=f"{title} ({module_name})", subject=f"{config.title}: "
                            f"{module_name}, {kind}", author=self.organization,
                            header=self.labels("page_header"), language=config.language,
                            keywords=(config.title, module_name, kind),
                            footer=config.brand.footer or "", logo=self.logo,
                            grey_logo=self.settings.grayscale,
                            page_of=self.labels("page_of", page="{page}"),
                            blank_notice=self.word("blank_page"))

    def online(self, page: str) -> OnlineCode | None:
        """The QR code to a page's web twin, as the build prints it (with site-url: only)."""
        site = self.config.site_url
        return OnlineCode(web_address(site, f"{self.loaded.id}/html/{page}.html")) if site else None

    def add(self, name: str, item: str, pdf: RenderedPdf, copies: int, duplex: bool,
            stock: str, notes: str) -> None:
        self.result.files[name] = pdf.data
        self.jobs.append(PrintJob(self.loaded.id, item, name, pdf.pages, copies, duplex, stock,
                                  notes))

    def packets(self) -> None:
        """The participants' packet (if the module has handouts) and the facilitator's."""
        settings, styles, handouts = self.settings, self.styles, self.loaded.handouts
        notes = plain(self.labels("notes_page")) if settings.notes_pages else ""
        layout = PageLayout(settings.duplex, PUNCH_GUTTER if settings.punch else 0,
                            print_hints=True, fields=False, notes_pages=notes)
        finishing = "3-hole punch" if settings.punch else ""
        for_participants = {hid: handout for hid, handout in handouts.items()
                            if not handout.for_facilitator and handout.distribute}
        if for_participants:
            words = HandoutOptions(labels=self.labels)  # the project's labels.txt
            packet = render_fitted([_handout_part(handout, hid, words, self.online(hid))
                                    for hid, handout in for_participants.items()],
                                   self.info(self.word("participant_packet"),
                                             "participant packet"),
                                   styles, self.paper, layout)
            self.add("participant-packet.pdf", "Participant packet", packet,
                     settings.participants, settings.duplex, self.paper,
                     _join("one per participant", finishing))
        facilitator = HandoutOptions(facilitator=True, labels=self.labels)

        # The guide with clock times (the session's start) and the materials counted out.
        start = self.start
        quantities = {line.item: f"bring {line.quantity}"
                      for line in _materials(self.loaded, settings) if line.quantity is not None}

        def guide(_: Styles) -> Part:  # the guide keeps its own spacing
            return Part(self.word("guide_subtitle"), guide_story(self.loaded, styles, start, self.labels,
                                                         quantities=quantities),
                        online=self.online("facilitator-guide"))

        makers: list[PartMaker] = [guide]
        makers += [_handout_part(handout, hid, facilitator, self.online(hid))
                   for hid, handout in handouts.items()]
        info = replace(self.info("Facilitator Packet", "facilitator packet"),
                       marking=plain(self.labels("facilitator_copy")))
        packet = render_fitted(makers, info, styles, self.paper, layout, own_spacing={0})
        self.add("facilitator-packet.pdf", "Facilitator packet", packet, 1, settings.duplex,
                 self.paper, _join("guide, then each handout with notes and answers",
                                   finishing))

    def sign_in_sheet(self) -> None:
        """The roster's names, then blank rows up to the participant count."""
        people = self.settings.roster.participants if self.settings.roster else []
        rows = [SignInRow(p.name, p.school) for p in people]
        rows += [SignInRow()] * (self.settings.participants - len(rows))
        details = [(self.word("date_label"), self.date),
                   (self.word("facilitator_label"), self.config.facilitator or "_" * 30),
                   (self.word("location_label"), "_" * 30)]
        words = [self.word(block) for block in ("signin_title", "signin_name", "signin_school",
                                                "signin_signature")]
        story = sign_in_story(f"{self.config.title} · {self.module_name}", details, rows,
                              self.styles, words)
        # One row a participant: the sheet may run as long as the count asks (at most 2,000).
        pages = MAX_PART_PAGES + len(rows)
        sheet = render_pdf([Part(words[0], story, max_pages=pages)],
                           self.info(words[0], "sign-in sheet"), self.styles, self.paper,
                           PageLayout(print_hints=True, fields=False))
        self.add("sign-in-sheet.pdf", "Sign-in sheet", sheet, 1, False, self.paper,
                 "names from the roster" if people else "blank rows to fill in")

    def name_tents_and_certificates(self, roster: Roster, tents_for: str | None) -> None:
        """A certificate per person on the roster, and name tents once a session, on cardstock."""
        config, people, stock = self.config, roster.participants, f"{self.paper} cardstock"
        if tents_for:
            tents = render_name_tents([Tent(p.name, p.school) for p in people],
                                      f"{config.title} · {self.organization}",
                                      self.info(self.word("name_tents_title"), "name tents"),
                                      self.styles,
                                      self.paper, self.logo)
            self.add("name-tents.pdf", "Name tents", tents, 1, False, stock,
                     f"{tents_for}; fold along the dashed line")
        series_line = self.word("certificate_series_line", title=config.title)
        signing = config.certificates
        certificates = [Certificate(p.name, p.school, self.organization, self.module_name,
                                    series_line, self.date, self.loaded.module.minutes,
                                    config.facilitator or "", signing.signer or "",
                                    signing.signer_title or "") for p in people]
        pdf = render_certificates(certificates, self.info(self.word("certificates_title"),
                                                          "certificates"), self.styles,
                                  self.paper, self.logo,
                                  landscape=signing.orientation == "landscape", label=self.word)
        self.add("certificates.pdf", "Certificates of completion", pdf, 1, False, stock,
                 "one page per participant; sign before handing out")


def _handout_part(handout: Handout, handout_id: str, options: HandoutOptions | None = None,
                  online: OnlineCode | None = None) -> PartMaker:
    """Makes a handout's part of a packet from the styles it is given (tight or not)."""
    chosen = options or HandoutOptions()
    return lambda styles: Part(handout.title, handout_story(handout, handout_id, styles, chosen),
                               landscape=handout.orientation == "landscape", online=online)


def _materials(loaded: LoadedModule, settings: _Settings) -> list[MaterialLine]:
    """The module's materials that are not handouts, with quantities for this many people."""
    lines = []
    tables = math.ceil(settings.participants / settings.table_size)
    for material in loaded.module.materials:
        if material.item in loaded.handouts:
            continue  # printed in the packets
        if material.quantity is None:
            lines.append(MaterialLine(loaded.id, material.item, None,
                                      f"no quantity in {loaded.file.name}"))
            continue
        times = {"participant": settings.participants, "table": tables, "session": 1}
        total = material.quantity * times[material.per]
        note = f"{material.quantity} per {material.per}"
        if material.per == "table":
            note += f"; {tables} tables of up to {settings.table_size}"
        lines.append(MaterialLine(loaded.id, material.item, total, note))
    return lines


def _series_certificates(series: Series, modules: list[LoadedModule],
                         settings: _Settings) -> RenderedPdf:
    """One certificate per participant for the whole series: every module's minutes."""
    assert settings.roster is not None
    config = series.config
    organization = config.brand.name or config.organization
    minutes = sum(loaded.module.minutes for loaded in modules)
    labels = Labels(series.project.templates_dir, modules[0].context)

    def word(block: str, **values: object) -> str:
        return plain(labels(block, **values))

    about = word("certificate_series_about", count=len(modules))
    day = _workshop_date(series, settings, [loaded.id for loaded in modules])
    signing = config.certificates
    certificates = [Certificate(p.name, p.school, organization, config.title, about,
                                day, minutes, config.facilitator or "", signing.signer or "",
                                signing.signer_title or "")
                    for p in settings.roster.participants]
    info = DocumentInfo(title=f"{word('certificates_title')} ({config.title})",
                        subject=f"{config.title}: certificates for the series",
                        author=organization, header=config.title, language=config.language,
                        keywords=(config.title, "certificates"), grey_logo=settings.grayscale)
    return render_certificates(certificates, info, settings.styles, settings.paper, series.logo,
                               landscape=signing.orientation == "landscape", label=word)


def _series_list(series: Series, prints: list[ModulePrint], extra: list[PrintJob]) -> PrintList:
    """One print list for every module, with files named from the output folder."""
    jobs: list[PrintJob] = []
    materials: list[MaterialLine] = []
    for module_print in prints:
        assert module_print.print_list is not None
        prefix = f"{module_print.module_id}/{PRINT_FOLDER}/"
        jobs += [PrintJob(job.module, job.item, prefix + job.file, job.pages, job.copies,
                          job.duplex, job.paper, job.notes)
                 for job in module_print.print_list.jobs]
        materials += module_print.print_list.materials
    return PrintList(f"Print list: {series.config.title}", [*jobs, *extra], materials)


def _join(*notes: str) -> str:
    return "; ".join(note for note in notes if note)

