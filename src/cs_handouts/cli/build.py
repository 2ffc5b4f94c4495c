"""``handouts build``: the PDFs and web pages of modules, and the series documents."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cs_handouts.cli.app import (
    VERBOSITY,
    Command,
    DebugOption,
    ProjectOption,
    QuietOption,
    VerboseOption,
    app,
    choice,
    detail,
    flag,
    load,
    long_run,
    project_of,
    reported,
    say,
)
from cs_handouts.errors import HandoutsError, display_path

if TYPE_CHECKING:
    from cs_handouts.build.batch import BatchOptions
    from cs_handouts.content.series import Series


@app.command(cls=Command)
def build(
    modules: Annotated[list[str] | None, typer.Argument(help="Module ids, such as module4.")] = None,
    all_modules: Annotated[bool, flag("--all", help="Build every module.")] = False,
    start: Annotated[str | None, typer.Option(
        metavar="TIME", help="Start time for clock times, such as 9:00.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="PATH",
                                                help="Output folder.")] = None,
    output_format: Annotated[str | None, choice(
        "--format", choices=("pdf", "html", "accessible", "all"),
        help="What to build: by default the PDFs and web pages; all adds the accessible"
        " PDFs.")] = None,
    large_print: Annotated[bool, flag(
        "--large-print", help="Body text of 16 pt or more, everything reflowed, into "
        "output/<module>/large-print/.")] = False,
    variant: Annotated[str | None, typer.Option(
        "--variant", help="A delivery variant of the modules, such as online, into "
        "output/<module>/<variant>/ (default: each module's first).")] = None,
    language: Annotated[str | None, typer.Option(
        "--language", metavar="LANG", help="The edition in this language of languages:, such as es,"
        " into output/<module>/<LANG>/.")] = None,
    all_languages: Annotated[bool, flag("--all-languages",
                                        help="Every edition in languages:.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0,
                                      help="Worker processes (default: one per core).")] = 0,
    force: Annotated[bool, flag("--force", help="Rebuild even what is up to date.")] = False,
    project: ProjectOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Build the PDFs of the named modules into output/<module>/ (with --all, output/series/ too)."""
    with reported(debug):
        from cs_handouts.build import warm
        from cs_handouts.build.batch import BatchOptions
        from cs_handouts.build.edition import Edition
        from cs_handouts.build.manifest import nothing_changed
        from cs_handouts.build.output import default_output
        if not modules and not all_modules:
            raise HandoutsError("name the modules to build (handouts build module4), or use --all")
        wanted = [] if all_modules else list(dict.fromkeys(modules or []))
        found = project_of(project, "build")
        failed = False
        formats = _formats(output_format)
        languages = _languages(project, language, all_languages)
        warm.expect(len(languages))  # one module per edition, for the renderer (if started)
        for edition_language in languages:
            options = BatchOptions(output or default_output(found.root), _parse_start(start), jobs, force,
                                   series_documents=all_modules, formats=formats,
                                   edition=Edition(language=edition_language, variant=variant,
                                                   large_print=large_print))
            if not force and nothing_changed(found, options.output_dir, wanted or None,
                                             options.fingerprint(), options.edition):
                say("Nothing to build: everything is up to date (--force rebuilds it all).")
                continue
            if "accessible" in formats and output_format == "all":
                formats = _accessible_loads(formats)  # WeasyPrint is imported now: no extra cost
                options = dataclasses.replace(options, formats=formats)
            series = load(project, "build", partial=True, language=edition_language)
            if len(wanted) == 1:
                series.module(wanted[0])  # one broken module: its located errors, nothing written
            options = _default_variant_is_default(series, wanted, options)
            try:
                _build_batch(series, wanted, options)
            except typer.Exit:
                failed = True  # the other languages' editions are still built
        if failed:
            raise typer.Exit(1)


def _default_variant_is_default(series: Series, wanted: list[str],
                                options: BatchOptions) -> BatchOptions:
    """``--variant`` naming the modules' first variant builds the default edition, in its folder."""
    from cs_handouts.content.variants import default_variant

    variant = options.edition.variant
    modules = [loaded.module for loaded in series.modules if not wanted or loaded.id in wanted]
    if variant is None or not modules or any(default_variant(m) != variant for m in modules):
        return options
    return dataclasses.replace(options, edition=dataclasses.replace(options.edition, variant=None))


def _build_batch(series: Series, wanted: list[str], options: BatchOptions) -> None:
    from cs_handouts.build.batch import build_batch

    total = len(wanted or series.order)
    if total > 1:
        long_run()
    if total == 1:  # no progress bar for one module, and no rich to import for it
        report = build_batch(series, wanted, options)
    else:
        from cs_handouts.cli.console import progress_bar

        with progress_bar(total) as advance:
            report = build_batch(series, wanted, options, advance)
    if len(wanted) == 1 and report.built:
        result = report.outcomes[0].result
        for written in result.documents if result else []:
            if not written.pages:  # a web page
                say(f"wrote {display_path(written.path)}")
                continue
            pages = "page" if written.pages == 1 else "pages"
            say(f"wrote {display_path(written.path)} ({written.pages} {pages})")
        if result is not None:
            fonts = len(result.files) - len(result.documents)
            if fonts:
                say(f"wrote {fonts} web font files into html/fonts/")
            pages = "page" if result.pages == 1 else "pages"
            say(f"Built {len(result.documents)} documents, {result.pages} {pages},"
                f" in {report.seconds:.2f} s.")
    elif not report.built and not report.failures:
        say("Nothing to build: everything is up to date (--force rebuilds it all).")
    else:
        for outcome in report.built:
            for written in outcome.result.files if outcome.result else []:
                detail(f"wrote {display_path(written.path)}")
        if VERBOSITY["level"] >= 1:  # the table is not an error
            from cs_handouts.cli.console import print_summary

            print_summary(report)
    if report.failures:
        # A mistake in a handout that several modules share is printed once, naming them all.
        stopped: dict[str, list[str]] = {}
        for outcome in report.failures:
            for problem in outcome.problems:
                stopped.setdefault(str(problem), []).append(outcome.module_id)
        for line, modules in stopped.items():
            also = f" (stops {', '.join(modules)})" if len(modules) > 1 else ""
            typer.echo(line + also, err=True)
        for outcome in report.failures:
            if outcome.error:
                typer.echo(f"{outcome.module_id}: {outcome.error}", err=True)
        failed = [o.module_id for o in report.outcomes if o.failed]
        if failed:
            others = len(report.outcomes) - len(failed)
            built = f"; the other {others} were built" if others > 1 else (
                "; the other one was built" if others == 1 else "")
            typer.echo(f"Failed: {len(failed)} of {len(report.outcomes)} modules"
                       f" ({', '.join(failed)}){built}.", err=True)
        else:
            typer.echo("Failed: the series documents; every module was built.", err=True)
        raise typer.Exit(1)


def _languages(project: Path | None, language: str | None, every: bool) -> list[str | None]:
    """The editions' languages to build: None for the default edition."""
    if not every:
        return [language]
    from cs_handouts.content.editions import is_default

    config = load(project, "build", partial=True).config
    listed = config.languages or [config.language]
    return [None if is_default(code, config) else code for code in listed]


def _formats(text: str | None) -> tuple[str, ...]:
    from cs_handouts.build.formats import BASE, INSTALL, all_formats, installed, missing_extra

    # Accessible PDFs take WeasyPrint about 0.3 s a page: asked for, not made on every build.
    choices = {"pdf": ("pdf",), "html": ("html",), "accessible": ("accessible",)}
    if text is None:
        return BASE
    if text == "all":
        if not installed():
            say(f"Accessible PDFs are left out of --format all; to build them: {INSTALL}")
        return all_formats()
    if text not in choices:
        raise HandoutsError(f"--format: expected pdf, html, accessible or all, got '{text}'")
    if text == "accessible":
        from cs_handouts.build.formats import load_problem

        problem = load_problem()  # one clear line now, rather than one per module
        if problem:
            raise missing_extra(problem)
    return choices[text]


def _accessible_loads(formats: tuple[str, ...]) -> tuple[str, ...]:
    """``formats``, less the accessible PDFs when WeasyPrint is installed but cannot load."""
    from cs_handouts.build.formats import load_problem, missing_extra, without_accessible

    problem = load_problem()
    if problem is None:
        return formats
    say(f"Accessible PDFs are left out: {missing_extra(problem)}")
    return without_accessible(formats)


def _parse_start(text: str | None) -> dt.time | None:
    from cs_handouts.timing.clock import parse_clock

    if text is None:
        return None
    try:
        return parse_clock(text)
    except ValueError as error:
        raise HandoutsError(f"--start: {error}") from None
