"""The Typer application and the options and error handling every command shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from cs_handouts import __version__
from cs_handouts.errors import ContentError, HandoutsError

if TYPE_CHECKING:
    from cs_handouts.content.series import Series
    from cs_handouts.project import Project

class _QuietHelp:
    """Plain flags (--help, --install-completion...) shown without Typer's ``<bool>``."""

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
        return params


class Command(_QuietHelp, TyperCommand):
    """A command of ``handouts``: ``@app.command(cls=Command)``."""


class Group(_QuietHelp, TyperGroup):
    """The ``handouts`` group."""


app = typer.Typer(
    cls=Group,
    help="Print-ready workshop materials from a training series written in YAML.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion, as every Typer tool
    pretty_exceptions_enable=False,
)

ProjectOption = Annotated[
    Path | None,
    typer.Option("--project", "-p", help="The series folder (default: found upward from here)."),
]
DebugOption = Annotated[bool, typer.Option("--debug", metavar="", help="Show tracebacks of errors.")]


def flag(*names: str, help: str) -> Any:  # noqa: A002  (Typer's own keyword)
    """A plain on/off option, shown in --help without a type (no ``<bool>``)."""
    return typer.Option(*names, metavar="", help=help)


def choice(*names: str, choices: tuple[str, ...], help: str) -> Any:  # noqa: A002
    """An option whose values are ``choices``: shown as ``[a|b|c]``, completed by the shell.

    The value stays a string so that a wrong one is the tool's own one-line error (exit 1).
    """
    return typer.Option(*names, metavar=f"[{'|'.join(choices)}]", help=help,
                        autocompletion=lambda: list(choices))


def _set_quiet(value: bool) -> bool:
    if value:
        VERBOSITY["level"] = 0
    return value


def _set_verbose(value: bool) -> bool:
    if value:
        VERBOSITY["level"] = 2
    return value


VERBOSITY = {"level": 1}  # 0: errors only; 1: warnings and what was written; 2: every detail
QuietOption = Annotated[bool, typer.Option(
    "--quiet", "-q", metavar="", callback=_set_quiet, is_eager=True,
    help="Print only errors.")]
VerboseOption = Annotated[bool, typer.Option(
    "--verbose", "-v", metavar="", callback=_set_verbose, is_eager=True,
    help="Print every file written and every step.")]
_printed: set[str] = set()


def say(message: str) -> None:
    """A line of normal output on stdout (not with --quiet)."""
    if VERBOSITY["level"] >= 1:
        typer.echo(message)


def detail(message: str) -> None:
    """A line only --verbose prints."""
    if VERBOSITY["level"] >= 2:
        typer.echo(message)


def warn(message: str) -> None:
    """A warning on stderr, once per run however many modules raise it (not with --quiet)."""
    if VERBOSITY["level"] >= 1 and message not in _printed:
        _printed.add(message)
        typer.echo(message, err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"handouts {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          metavar="", help="Show the version and exit.")] = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Build facilitator guides, worksheets, forms and packets from YAML."""
    # Each run starts with the normal level and no warning printed (tests run many in a process).
    VERBOSITY["level"] = 0 if quiet else 2 if verbose else 1
    _printed.clear()


def long_run() -> None:
    """Collect garbage again (the console script starts without): many modules, or a server."""
    import gc

    gc.freeze()  # what is loaded by now lives as long as the process: never scan it again
    gc.enable()


def project_of(path: Path | None, command: str) -> Project:
    """The series found from ``path``; when there is none, the hint names ``command``."""
    from cs_handouts.project import find_project

    return find_project(path, command=command)


def load(path: Path | None, command: str, *, partial: bool = False,
         language: str | None = None) -> Series:
    """The series found from ``path`` (in ``language``'s edition), its warnings printed to stderr."""
    from cs_handouts.content.load import load_series

    series = load_series(project_of(path, command), partial=partial, language=language)
    for warning in series.warnings:
        warn(str(warning))
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
        for problem in dict.fromkeys(str(p) for p in error.problems):
            typer.echo(problem, err=True)
        typer.echo(error.summary, err=True)
    else:
        typer.echo(f"Error: {error}", err=True)
    raise typer.Exit(1)
