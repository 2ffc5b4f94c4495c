"""The Typer application and the options and error handling every command shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from cs_handouts import __version__
from cs_handouts.errors import ContentError, HandoutsError

if TYPE_CHECKING:
    from cs_handouts.content.series import Series

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


def load(path: Path | None, *, partial: bool = False) -> Series:
    """The series found from ``path``, its warnings printed to stderr."""
    from cs_handouts.content.load import load_series
    from cs_handouts.project import find_project

    series = load_series(find_project(path), partial=partial)
    for warning in series.warnings:
        typer.echo(str(warning), err=True)
    return series


def parse_date(text: str | None) -> dt.date | None:
    """``--date`` as a date, or a clear error."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise HandoutsError(f"--date: expected a date such as 2026-09-14, got '{text}'") from None


@contextmanager
def reported(debug: bool) -> Iterator[None]:
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
