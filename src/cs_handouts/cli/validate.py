"""``handouts validate``, ``list`` and ``schema``: look at a series without building it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cs_handouts.cli.app import DebugOption, ProjectOption, app, load, reported


@app.command("list")
def list_modules(
    project: ProjectOption = None,
    debug: DebugOption = False,
) -> None:
    """Print the series as a table: id, number, title, minutes, handouts."""
    with reported(debug):
        from cs_handouts.cli.console import print_series

        series = load(project, partial=True)
        counts = {m.id: len(m.handouts) for m in series.modules}
        print_series(series, counts)


@app.command()
def validate(
    path: Annotated[Path | None, typer.Argument(help="The series folder or its handouts.yaml.")] = None,
    project: ProjectOption = None,
    debug: DebugOption = False,
) -> None:
    """Check every file of the series and write nothing."""
    with reported(debug):
        from cs_handouts.build.module import check_look, check_printable

        series = load(project or path)
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
