"""``handouts collect``: filled forms and saved answers into a CSV and an evaluation report."""

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
    warn,
)
from cs_handouts.errors import display_path


@app.command("collect", cls=Command)
def collect(
    module: Annotated[str, typer.Argument(help="The module whose forms were filled, such as module4.")],
    folder: Annotated[Path, typer.Argument(help="A folder of filled PDFs and saved answers (.json).")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output folder.")] = None,
    project: ProjectOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Read the filled forms in FOLDER into output/<module>/responses.csv and evaluation.pdf."""
    with reported(debug):
        from cs_handouts.build.output import default_output
        from cs_handouts.collect.report import collect_module

        series = load(project, "collect")
        result = collect_module(series, module, folder,
                                output or default_output(series.project.root))
        for name, why in result.skipped:
            warn(f"skipped {name}: {why}")
        for path in result.written:
            say(f"wrote {display_path(path)}")
        responses = "response" if result.responses == 1 else "responses"
        say(f"Collected {result.responses} {responses}; {len(result.skipped)} files skipped.")
