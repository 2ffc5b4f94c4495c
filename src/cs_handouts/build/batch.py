"""Build many modules at once: in parallel worker processes, skipping what has not changed.

A module that is broken, or fails while rendering, is reported and the others go
on. The manifest in the output folder (see ``manifest.py``) says which modules
are up to date; the series documents are rebuilt when any module is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cs_handouts.build import warm
from cs_handouts.build.edition import Edition
from cs_handouts.build.manifest import (
    MANIFEST_NAME,
    Entry,
    FileRecord,
    Fingerprints,
    Manifest,
    entry_name,
    module_files,
)
from cs_handouts.errors import HandoutsError, Problem

if TYPE_CHECKING:  # the CLI imports this module for BatchOptions before it knows it must build
    from concurrent.futures import Executor

    from cs_handouts.build.module_output import BuildOptions, ModuleResult, RenderedModule
    from cs_handouts.content.series import LoadedModule, Series
    from cs_handouts.render.html import RenderedPage
    from cs_handouts.render.rendered import RenderedPdf


@dataclass(frozen=True)
class BatchOptions:
    """How to build: where, from what start time, with how many processes, and whether to force."""

    output_dir: Path
    start: dt.time | None = None
    jobs: int = 0  # 0: one process per core
    force: bool = False
    series_documents: bool = False  # build output/series/ too (handouts build --all)
    formats: tuple[str, ...] = ("pdf", "html")
    edition: Edition = Edition()

    def fingerprint(self) -> list[str]:
        """The options that change what is rendered, for the manifest's keys."""
        return [f"start={self.start.isoformat() if self.start else ''}",
                f"formats={','.join(self.formats)}", self.edition.fingerprint()]

    def for_module(self, start: dt.time | None) -> BuildOptions:
        """The options of one module's build (a scheduled start unless --start was given)."""
        from cs_handouts.build.module_output import BuildOptions

        return BuildOptions(self.output_dir, self.start or start, self.formats, self.edition)


@dataclass(frozen=True)
class ModuleOutcome:
    """What happened to one module: built, skipped as up to date, or failed."""

    module_id: str
    result: ModuleResult | None = None
    skipped: bool = False
    problems: list[Problem] = field(default_factory=list)  # a broken module's located problems
    error: str | None = None  # a failure while rendering or writing

    @property
    def failed(self) -> bool:
        return bool(self.problems) or self.error is not None


@dataclass
class BatchReport:
    """Everything a batch did, in series order, and how long it took."""

    outcomes: list[ModuleOutcome]
    series: ModuleOutcome | None
    seconds: float

    @property
    def failures(self) -> list[ModuleOutcome]:
        every = [*self.outcomes, *([self.series] if self.series else [])]
        return [outcome for outcome in every if outcome.failed]

    @property
    def built(self) -> list[ModuleOutcome]:
        every = [*self.outcomes, *([self.series] if self.series else [])]
        return [outcome for outcome in every if outcome.result is not None]


Progress = Callable[[str], None]  # called with a module id each time one is finished


def build_batch(series: Series, module_ids: list[str], options: BatchOptions,
                progress: Progress | None = None) -> BatchReport:
    """Build the named modules (every module, and the series documents, when empty)."""
    from cs_handouts.build.output import write_files
    from cs_handouts.build.schedule import scheduled_starts

    started = time.perf_counter()
    wanted = module_ids or list(series.order)
    unknown = [mid for mid in wanted if mid not in series.order]
    if unknown:
        series.module(unknown[0])  # raises the located "no module" error
    look = _Look(series, options, wanted)
    if not warm.running():  # else checked while the renderer renders the module
        look.check()

    starts = scheduled_starts(series)
    fingerprints = Fingerprints(series.project, options.fingerprint())
    manifest = Manifest.read(options.output_dir)
    loaded = {m.id: m for m in series.modules}
    # The keys (each a hash of the module's files) of the modules to build; the series
    # documents' key is made of every module's. One module of a hundred: one key, not 100.
    keyed = list(loaded) if options.series_documents else [m for m in wanted if m in loaded]
    inputs = {mid: _inputs(series, loaded[mid]) for mid in keyed}
    keys = {mid: fingerprints.key(inputs[mid]) for mid in keyed}
    outcomes: dict[str, ModuleOutcome] = {}
    todo: list[LoadedModule] = []
    for mid in wanted:
        if mid in series.broken:
            outcomes[mid] = ModuleOutcome(mid, problems=series.broken[mid])
        elif not options.force and manifest.up_to_date(entry_name(mid, options.edition), keys[mid],
                                                       options.output_dir):
            outcomes[mid] = ModuleOutcome(mid, skipped=True)
        else:
            todo.append(loaded[mid])
    for mid in outcomes:
        if progress:
            progress(mid)
    jobs = options.jobs or os.cpu_count() or 1
    work = len(todo) + (4 if options.series_documents else 0)
    pool = _pool(jobs, series, options) if jobs > 1 and work > 1 else None
    if not warm.running():  # the workers render (the renderer is stopped): checked first
        look.check()
    try:
        for outcome in _run(series, todo, options, starts, progress, pool, look.meanwhile):
            outcomes[outcome.module_id] = outcome
        look.check()  # if nothing was rendered meanwhile
        for outcome in outcomes.values():
            _record(manifest, outcome, keys, inputs, fingerprints, options)
        series_outcome = None
        if options.series_documents and "pdf" in options.formats:
            series_outcome = _series_documents(series, manifest, keys, fingerprints, options,
                                               any(o.failed for o in outcomes.values()), pool)
    finally:
        if pool is not None:
            # Interrupted: drop the modules not started yet (the workers finish their own).
            pool.shutdown(cancel_futures=sys.exc_info()[0] is not None)
    # output/index.html links the default edition's pages; another edition leaves it alone.
    if look.index_wanted and any(o.result for o in outcomes.values()):
        _write_series_index(series, options, look.index)
    manifest.order = list(series.order)
    manifest.module_files = module_files(series.project)
    if (options.output_dir / MANIFEST_NAME).is_file() or manifest.entries:
        write_files(options.output_dir, {MANIFEST_NAME: manifest.dumps()})
    ordered = [outcomes[mid] for mid in wanted]
    return BatchReport(ordered, series_outcome, time.perf_counter() - started)


def stale_modules(series: Series, options: BatchOptions) -> list[str]:
    """The modules (loaded without errors) whose outputs are older than their inputs, in order."""
    fingerprints = Fingerprints(series.project, options.fingerprint())
    manifest = Manifest.read(options.output_dir)
    return [loaded.id for loaded in series.modules
            if not manifest.up_to_date(entry_name(loaded.id, options.edition),
                                       fingerprints.key(_inputs(series, loaded)),
                                       options.output_dir)]


def _run(series: Series, todo: list[LoadedModule], options: BatchOptions,
         starts: dict[str, dt.time], progress: Progress | None,
         pool: Executor | None, meanwhile: Callable[[], None]) -> list[ModuleOutcome]:
    """Build each module, in the worker processes when there is more than one to build."""
    # Each task carries only its own module, not the whole series.
    tasks = [(dataclasses.replace(series, modules=[m], warnings=[], broken={}, order=[m.id]), m,
              options.for_module(starts.get(m.id)))
             for m in todo]
    outcomes = []
    if pool is None or len(tasks) <= 1:
        if len(tasks) == 1 and options.jobs != 1:  # one module: its guide in a second process
            tasks = [(series, loaded, dataclasses.replace(task_options, apart=True))
                     for series, loaded, task_options in tasks]
        for task in tasks:
            outcomes.append(_build_one(*task, meanwhile))
            if progress:
                progress(task[1].id)
        return outcomes
    from concurrent.futures import Future, as_completed

    # The workers render; this process, idle otherwise, writes each module as it comes in,
    # so that no worker waits for the disk (a module's dozen files are flushed before their
    # renaming) instead of rendering the next module.
    futures: dict[Future[RenderedModule | ModuleOutcome], BuildOptions] = {
        pool.submit(render_one, *task): task[2] for task in tasks}
    done: dict[str, ModuleOutcome] = {}
    for future in as_completed(futures):
        rendered = future.result()
        outcome = (rendered if isinstance(rendered, ModuleOutcome)
                   else _written(rendered, futures[future]))
        done[outcome.module_id] = outcome
        if progress:
            progress(outcome.module_id)
    return [done[task[1].id] for task in tasks]


def _check_look(series: Series, options: BatchOptions, wanted: list[str]) -> None:
    """A mistake in the theme or a template concerns every module: it stops the build first.

    The labels are filled for each module to build (``wanted``), in its own context. The
    web page templates are compiled only when web pages are built; the compiled templates
    are kept for the build itself (and inherited by forked workers).
    """
    from cs_handouts.build.module_output import series_theme
    from cs_handouts.render.html import HtmlRenderer
    from cs_handouts.render.templates import Labels

    theme = series_theme(series, options.for_module(None))
    chosen = set(wanted)
    for loaded in series.modules:
        if loaded.id in chosen:
            Labels(series.project.templates_dir, loaded.context)("page_header")
    if "html" in options.formats or "accessible" in options.formats:  # both fill the pages
        HtmlRenderer(series, theme).compile_all()


@dataclass
class _Look:
    """The theme and templates of a build, checked once; and output/index.html, made early.

    Checked before anything renders; but while the renderer started with the command renders
    the module (see warm.py), this process, idle otherwise, checks them then, and makes
    output/index.html (linking the module as built: it is written only if the module is).
    A mistake found then still stops the build before anything is written.
    """

    series: Series
    options: BatchOptions
    wanted: list[str]
    checked: bool = False
    index: RenderedPage | None = None

    @property
    def index_wanted(self) -> bool:
        """output/index.html links the default edition's pages; another edition leaves it alone."""
        return "html" in self.options.formats and not self.options.edition.folder

    def check(self) -> None:
        if not self.checked:
            self.checked = True
            _check_look(self.series, self.options, self.wanted)

    def meanwhile(self) -> None:
        self.check()
        if self.index_wanted:
            try:
                self.index = _series_index(self.series, self.options, set(self.wanted))
            except Exception:  # noqa: BLE001 - met again, and reported, when it is written
                self.index = None


def _series_index(series: Series, options: BatchOptions, building: set[str]) -> RenderedPage:
    from cs_handouts.build.module_output import series_theme
    from cs_handouts.render.html import HtmlRenderer

    renderer = HtmlRenderer(series, series_theme(series, options.for_module(None)))
    return renderer.series_index(options.output_dir, building)


def _write_series_index(series: Series, options: BatchOptions, page: RenderedPage | None) -> None:
    """output/index.html: the web pages of every module, linked once they exist."""
    from cs_handouts.build.output import write_files

    if page is None:
        page = _series_index(series, options, set())
    write_files(options.output_dir, {"index.html": page.data})


def _build_one(series: Series, loaded: LoadedModule, options: BuildOptions,
               meanwhile: Callable[[], None]) -> ModuleOutcome:
    """Build one module, turning any failure into an outcome so that the others go on.

    Rendered by the renderer started with the command (see ``warm.py``) where there is one,
    ``meanwhile`` done here while it renders; else rendered here. Written here.
    """
    rendered = warm.render(series, loaded, options, meanwhile)
    if rendered is None:
        rendered = render_one(series, loaded, options)
    return rendered if isinstance(rendered, ModuleOutcome) else _written(rendered, options)


def render_one(series: Series, loaded: LoadedModule, options: BuildOptions
               ) -> RenderedModule | ModuleOutcome:
    """Render one module (in a worker): its documents in memory, or the outcome of a failure."""
    from cs_handouts.build.module import render_module

    try:
        return render_module(series, loaded, options)
    except Exception as error:  # noqa: BLE001 - see _failed
        return _failed(loaded.id, error)


def _written(rendered: RenderedModule, options: BuildOptions) -> ModuleOutcome:
    """Write a module rendered in a worker, turning a failure into its outcome."""
    from cs_handouts.build.module_output import write_module

    try:
        return ModuleOutcome(rendered.module_id, write_module(rendered, options))
    except Exception as error:  # noqa: BLE001 - see _failed
        return _failed(rendered.module_id, error)


def _failed(module_id: str, error: Exception) -> ModuleOutcome:
    """A module that failed: its error, so that the others go on (a bug in one module's
    rendering must not stop the batch either)."""
    if isinstance(error, HandoutsError):
        return ModuleOutcome(module_id, error=str(error))
    return ModuleOutcome(module_id, error=f"internal error: {type(error).__name__}: {error}")


def _pool(jobs: int, series: Series, options: BatchOptions) -> Executor:
    # Imported here: building one module needs no worker processes.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from cs_handouts.build.module import read_ahead

    warm.stop()  # the workers render: a renderer started for one module is not needed
    # ReportLab imported, the fonts and logo read once: the forked workers inherit them.
    read_ahead(series, options.for_module(None), ("regular", "bold", "italic"))
    methods = multiprocessing.get_all_start_methods()
    # fork shares the parent's imported ReportLab and fonts: no per-worker start-up cost.
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                               initializer=_ignore_interrupts)


def _ignore_interrupts() -> None:
    """Ctrl-C reaches the workers too; the parent alone handles it, without tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _inputs(series: Series, loaded: LoadedModule) -> tuple[Path, ...]:
    """The files a module's outputs are made from: its own, its shared handouts, the logo."""
    return (*loaded.inputs, *([series.logo] if series.logo else []))


def _record(manifest: Manifest, outcome: ModuleOutcome, keys: dict[str, str],
            inputs: dict[str, tuple[Path, ...]], fingerprints: Fingerprints,
            options: BatchOptions) -> None:
    """Note a built module in the manifest (and remove files it no longer makes)."""
    output_dir = options.output_dir
    name = entry_name(outcome.module_id, options.edition)
    if outcome.failed:
        manifest.entries.pop(name, None)
        return
    if outcome.result is None:
        return
    files = [FileRecord(f.path.relative_to(output_dir).as_posix(), f.pages, f.size, f.fitted)
             for f in outcome.result.files]
    files = _remove_stale(manifest.entries.get(name), files, output_dir, options.formats)
    manifest.entries[name] = Entry(keys[outcome.module_id],
                                   fingerprints.relative(inputs[outcome.module_id]), files)


def _series_documents(series: Series, manifest: Manifest, keys: dict[str, str],
                      fingerprints: Fingerprints, options: BatchOptions,
                      modules_failed: bool, pool: Executor | None) -> ModuleOutcome:
    from cs_handouts.build.series import SERIES_FOLDER, build_series_documents, render_series_document

    if modules_failed or series.broken:
        return ModuleOutcome(SERIES_FOLDER, error="not built, because some modules failed")
    key = fingerprints.series_key([keys[mid] for mid in series.order])
    series_entry = entry_name(None, options.edition)
    if not options.force and manifest.up_to_date(series_entry, key, options.output_dir):
        return ModuleOutcome(SERIES_FOLDER, skipped=True)
    guide_pages: dict[str, int] = {}
    guide_ways: dict[str, str] = {}
    handout_pages: dict[tuple[str, str], int] = {}
    for mid in series.order:
        for record in manifest.entries[entry_name(mid, options.edition)].files:
            filename = record.name.removeprefix(options.edition.prefix(mid) + "/")
            handout_pages[(mid, filename)] = record.pages
            if filename == "facilitator-guide.pdf":
                guide_pages[mid] = record.pages
                guide_ways[mid] = record.fitted

    def in_workers(series: Series, names: list[str], guides: dict[str, int],
                   handouts: dict[tuple[str, str], int], _: BuildOptions,
                   ways: dict[str, str]) -> list[RenderedPdf]:
        assert pool is not None
        light = dataclasses.replace(series, warnings=[], broken={})
        futures = [pool.submit(render_series_document, light, name, guides, handouts,
                               options.for_module(None), ways) for name in names]
        return [future.result() for future in futures]

    try:
        result = build_series_documents(series, options.for_module(None), guide_pages,
                                        handout_pages, in_workers if pool is not None else None,
                                        guide_ways)
    except HandoutsError as error:
        return ModuleOutcome(SERIES_FOLDER, error=str(error))
    files = [FileRecord(f.path.relative_to(options.output_dir).as_posix(), f.pages, f.size)
             for f in result.files]
    files = _remove_stale(manifest.entries.get(series_entry), files, options.output_dir,
                          options.formats)
    manifest.entries[series_entry] = Entry(key, [], files)
    return ModuleOutcome(SERIES_FOLDER, result)


def _remove_stale(previous: Entry | None, files: list[FileRecord], output_dir: Path,
                  formats: tuple[str, ...]) -> list[FileRecord]:
    """Delete files an earlier build wrote that this build no longer makes (a removed handout).

    Only files of the formats built are candidates: ``--format pdf`` leaves the web pages
    alone, and keeps them in the returned records so that a later build still knows them.
    The names come from the manifest, a file anyone may edit: remove_files checks them.
    """
    from cs_handouts.build.output import remove_files

    if previous is None:
        return files
    current = {f.name for f in files}
    old = [record for record in previous.files if record.name not in current]
    remove_files(output_dir, [r.name for r in old if _format(r.name) in formats])
    return files + [r for r in old if _format(r.name) not in formats]


def _format(name: str) -> str:
    if "/accessible/" in name:  # output/<module>/[<edition>/]accessible/<name>.pdf
        return "accessible"
    return "pdf" if name.endswith(".pdf") else "html"
