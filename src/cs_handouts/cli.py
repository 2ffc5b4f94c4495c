"""The ``handouts`` command: parse options, call the core, print what happened. Nothing else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from cs_handouts import __version__
from cs_handouts.errors import ContentError, HandoutsError, display_path

if TYPE_CHECKING:
    from cs_handouts.batch import BatchOptions
    from cs_handouts.content.load import Series

app = typer.Typer(
    help="Print-ready workshop materials from a training series written in YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ProjectOption = Annotated[
    Path | None,
    typer.Option("--project", "-p", help="The series folder (default: found upward from here)."),
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"handouts {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Build facilitator guides, worksheets, forms and packets from YAML."""


@app.command()
def build(
    modules: Annotated[list[str] | None, typer.Argument(help="Module ids, such as module4.")] = None,
    all_modules: Annotated[bool, typer.Option("--all", help="Build every module.")] = False,
    start: Annotated[str | None, typer.Option(help="Start time for clock times, such as 9:00.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output folder.")] = None,
    output_format: Annotated[str, typer.Option(
        "--format", help="What to build: pdf, html or all.")] = "all",
    large_print: Annotated[bool, typer.Option(
        "--large-print", help="Body text of 16 pt or more, everything reflowed.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0,
                                      help="Worker processes (default: one per core).")] = 0,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even what is up to date.")] = False,
    project: ProjectOption = None,
    debug: DebugOption = False,
) -> None:
    """Build the PDFs of the named modules into output/<module>/ (with --all, output/series/ too)."""
    with _reported(debug):
        from cs_handouts.batch import BatchOptions
        from cs_handouts.manifest import nothing_changed
        from cs_handouts.project import find_project

        if not modules and not all_modules:
            raise HandoutsError("name the modules to build (handouts build module4), or use --all")
        wanted = [] if all_modules else list(dict.fromkeys(modules or []))
        found = find_project(project)
        options = BatchOptions(output or found.output_dir, _parse_start(start), jobs, force,
                               series_documents=all_modules, formats=_formats(output_format),
                               large_print=large_print)
        if not force and nothing_changed(found, options.output_dir, wanted or None,
                                         options.fingerprint()):
            typer.echo("Nothing to build: everything is up to date (--force rebuilds it all).")
            return
        series = _load(project, partial=True)
        if len(wanted) == 1:
            series.module(wanted[0])  # one broken module: its located errors, nothing written
        _build_batch(series, wanted, options)


def _build_batch(series: Series, wanted: list[str], options: BatchOptions) -> None:
    from cs_handouts.batch import build_batch
    from cs_handouts.cli_output import print_summary, progress_bar

    total = len(wanted or series.order)
    with progress_bar(total) as advance:
        report = build_batch(series, wanted, options, advance)
    if len(wanted) == 1 and report.built:
        for written in report.outcomes[0].result.files if report.outcomes[0].result else []:
            if not written.pages:  # a web page
                typer.echo(f"wrote {display_path(written.path)}")
                continue
            pages = "page" if written.pages == 1 else "pages"
            typer.echo(f"wrote {display_path(written.path)} ({written.pages} {pages})")
        result = report.outcomes[0].result
        if result is not None:
            typer.echo(f"Built {len(result.files)} documents, {result.pages} pages,"
                       f" in {report.seconds:.2f} s.")
    elif not report.built and not report.failures:
        typer.echo("Nothing to build: everything is up to date (--force rebuilds it all).")
    else:
        print_summary(report)
    if report.failures:
        for outcome in report.failures:
            for problem in outcome.problems:
                typer.echo(str(problem), err=True)
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


@app.command("list")
def list_modules(
    project: ProjectOption = None,
    debug: DebugOption = False,
) -> None:
    """Print the series as a table: id, number, title, minutes, handouts."""
    with _reported(debug):
        from cs_handouts.cli_output import print_series

        series = _load(project, partial=True)
        counts = {m.id: len(m.handouts) for m in series.modules}
        print_series(series, counts)


@app.command("print")
def print_set(
    modules: Annotated[list[str] | None, typer.Argument(help="Module ids, such as module4.")] = None,
    all_modules: Annotated[bool, typer.Option("--all", help="Every module, and a print list "
                                              "for the series.")] = False,
    participants: Annotated[int | None, typer.Option(
        help="How many participants (default: the roster's count).")] = None,
    roster: Annotated[Path | None, typer.Option(
        help="CSV with name, school (or department) and email: sign-in names, name tents, "
             "certificates.")] = None,
    duplex: Annotated[bool, typer.Option("--duplex/--simplex",
                                         help="Print on both sides of the paper.")] = True,
    paper: Annotated[str | None, typer.Option(
        help="letter or a4 (default: paper in handouts.yaml).")] = None,
    grayscale: Annotated[bool, typer.Option(help="Save ink: greys, no colour fills.")] = False,
    punch: Annotated[bool, typer.Option(help="Leave a binding gutter for a 3-hole punch.")] = False,
    date: Annotated[str | None, typer.Option(
        help="The workshop's date, such as 2026-09-14 (default: date in handouts.yaml, "
             "else today).")] = None,
    table_size: Annotated[int, typer.Option(help="Participants per table, for materials "
                                            "counted per table.")] = 6,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output folder.")] = None,
    project: ProjectOption = None,
    debug: DebugOption = False,
) -> None:
    """Make the print set of the named modules in output/<module>/print/."""
    with _reported(debug):
        from cs_handouts.printset import PrintOptions, print_modules

        if not modules and not all_modules:
            raise HandoutsError("name the modules to print (handouts print module4 "
                                "--participants 24), or use --all")
        series = _load(project)
        options = PrintOptions(output or series.project.output_dir, participants, duplex, paper,
                               grayscale, punch, roster, _parse_date(date), table_size)
        result = print_modules(series, [] if all_modules else list(modules or []), options,
                               whole_series=all_modules)
        for warning in result.warnings:
            typer.echo(warning, err=True)
        for path in result.written:
            typer.echo(f"wrote {display_path(path)}")
        sheets = ", ".join(f"{count} sheets of {paper}"
                           for paper, count in result.sheets_by_paper().items())
        lists = ", ".join(display_path(path) for path in result.readable_lists)
        typer.echo(f"To print: {sheets}. What to print, and how: {lists}")


@app.command()
def validate(
    path: Annotated[Path | None, typer.Argument(help="The series folder or its handouts.yaml.")] = None,
    debug: DebugOption = False,
) -> None:
    """Check every file of the series and write nothing."""
    with _reported(debug):
        from cs_handouts.build import check_look, check_printable

        series = _load(path)
        check_look(series)
        check_printable(series)
        typer.echo(f"{series.config.title}: {len(series.modules)} modules, no errors.")


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(help="series (handouts.yaml), module or handout.")] = "module",
) -> None:
    """Print the JSON Schema of a content file, for completion and checking in editors."""
    from cs_handouts.content.schema import MODELS, json_schema

    if kind not in MODELS:
        typer.echo(f"Error: no schema '{kind}'; choose one of: {', '.join(MODELS)}", err=True)
        raise typer.Exit(1)
    typer.echo(json_schema(kind), nl=False)


def _load(path: Path | None, *, partial: bool = False) -> Series:
    from cs_handouts.content.load import load_series
    from cs_handouts.project import find_project

    series = load_series(find_project(path), partial=partial)
    for warning in series.warnings:
        typer.echo(str(warning), err=True)
    return series


def _formats(text: str) -> tuple[str, ...]:
    choices = {"pdf": ("pdf",), "html": ("html",), "all": ("pdf", "html")}
    if text not in choices:
        raise HandoutsError(f"--format: expected pdf, html or all, got '{text}'")
    return choices[text]


def _parse_start(text: str | None) -> dt.time | None:
    from cs_handouts.clock import parse_clock

    if text is None:
        return None
    try:
        return parse_clock(text)
    except ValueError as error:
        raise HandoutsError(f"--start: {error}") from None


def _parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise HandoutsError(f"--date: expected a date such as 2026-09-14, got '{text}'") from None


@contextmanager
def _reported(debug: bool) -> Iterator[None]:
    """Turn a HandoutsError into lines on stderr and exit code 1 (a traceback only with --debug)."""
    try:
        yield
    except HandoutsError as error:
        if debug:
            raise
        _fail(error)
    except KeyboardInterrupt:
        if debug:
            raise
        # Files are only written after everything rendered, and all of them at once.
        typer.echo("Interrupted: output/ holds either the previous files or the new ones.",
                   err=True)
        raise typer.Exit(130) from None


def _fail(error: HandoutsError) -> NoReturn:
    if isinstance(error, ContentError):
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        typer.echo(error.summary, err=True)
    else:
        typer.echo(f"Error: {error}", err=True)
    raise typer.Exit(1)


def main() -> None:
    """The console script's entry point."""
    app()

