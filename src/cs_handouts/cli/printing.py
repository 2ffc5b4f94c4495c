"""``handouts print``: the print-day set of modules (packets, sign-in, tents, certificates)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cs_handouts.cli.app import (
    Command,
    DebugOption,
    ProjectOption,
    QuietOption,
    VerboseOption,
    app,
    choice,
    flag,
    load,
    long_run,
    parse_date,
    reported,
    say,
    warn,
)
from cs_handouts.errors import HandoutsError, display_path


@app.command("print", cls=Command)
def print_set(
    modules: Annotated[list[str] | None, typer.Argument(help="Module ids, such as module4.")] = None,
    all_modules: Annotated[bool, flag("--all", help="Every module, and a print list "
                                      "for the series.")] = False,
    participants: Annotated[int | None, typer.Option(
        help="How many participants (default: the roster's count).")] = None,
    roster: Annotated[Path | None, typer.Option(
        help="CSV with name, school (or department) and email: sign-in names, name tents, "
             "certificates.")] = None,
    duplex: Annotated[bool, typer.Option("--duplex/--simplex", metavar="",
                                         help="Print on both sides of the paper.")] = True,
    paper: Annotated[str | None, choice("--paper", choices=("letter", "a4"),
                                        help="The paper (default: paper in handouts.yaml).")] = None,
    grayscale: Annotated[bool, flag("--grayscale", help="Save ink: greys, no colour fills.")] = False,
    punch: Annotated[bool, flag("--punch", help="Leave a binding gutter for a 3-hole punch.")] = False,
    date: Annotated[str | None, typer.Option(
        help="The workshop's date, such as 2026-09-14 (default: the module's session date in "
             "handouts.yaml, else its date:, else today).")] = None,
    table_size: Annotated[int, typer.Option(help="Participants per table, for materials "
                                            "counted per table.")] = 6,
    notes_pages: Annotated[bool, typer.Option(
        help="In duplex, a ruled Notes page instead of a blank one.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output folder.")] = None,
    project: ProjectOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Make the print set of the named modules in output/<module>/print/."""
    with reported(debug):
        from cs_handouts.build.output import default_output
        from cs_handouts.printday.printset import PrintOptions, print_modules

        if not modules and not all_modules:
            raise HandoutsError("name the modules to print (handouts print module4 "
                                "--participants 24), or use --all")
        if all_modules or len(modules or []) > 1:
            long_run()
        series = load(project, "print")
        options = PrintOptions(output or default_output(series.project.root), participants, duplex,
                               paper, grayscale, punch, roster, parse_date(date), table_size,
                               notes_pages)
        result = print_modules(series, [] if all_modules else list(modules or []), options,
                               whole_series=all_modules)
        for warning in result.warnings:
            warn(warning)
        for path in result.written:
            say(f"wrote {display_path(path)}")
        sheets = ", ".join(f"{count} sheets of {paper}"
                           for paper, count in result.sheets_by_paper().items())
        lists = ", ".join(display_path(path) for path in result.readable_lists)
        say(f"To print: {sheets}. What to print, and how: {lists}")
