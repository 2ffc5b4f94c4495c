"""``handouts validate``, ``list`` and ``schema``: look at a series without building it."""

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
    load,
    reported,
    say,
)


@app.command("list", cls=Command)
def list_modules(
    project: ProjectOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Print the series as a table: id, number, title, minutes, handouts."""
    with reported(debug):
        from cs_handouts.cli.console import print_series

        series = load(project, "list", partial=True)
        counts = {m.id: len(m.handouts) for m in series.modules}
        print_series(series, counts)


@app.command(cls=Command)
def validate(
    path: Annotated[Path | None, typer.Argument(help="The series folder or its handouts.yaml.")] = None,
    project: ProjectOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Check every file of the series and write nothing."""
    with reported(debug):
        from cs_handouts.build.module import check_look, check_printable, check_rendering
        from cs_handouts.content.editions import is_default

        series = load(project or path, "validate")
        check_look(series)
        check_printable(series)
        check_rendering(series)
        for language in series.config.languages or []:
            if not is_default(language, series.config):  # each translation, checked as built
                edition = load(project or path, "validate", language=language)
                check_look(edition)
                check_printable(edition)
        count = len(series.modules)
        say(f"{series.config.title}: {count} module{'' if count == 1 else 's'}, no errors.")


@app.command(cls=Command)
def schema(
    kind: Annotated[str, typer.Argument(
        metavar="[series|module|handout|theme]",
        help="series (handouts.yaml), module, handout or theme (templates/theme.yaml).",
        autocompletion=lambda: ["series", "module", "handout", "theme"])] = "module",
) -> None:
    """Print the JSON Schema of a content file, for completion and checking in editors."""
    from cs_handouts.content.schema import MODELS, json_schema

    if kind not in MODELS:
        typer.echo(f"Error: no schema '{kind}'; choose one of: {', '.join(MODELS)}", err=True)
        raise typer.Exit(1)
    typer.echo(json_schema(kind), nl=False)
