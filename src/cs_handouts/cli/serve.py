"""``handouts serve``: a live preview of the series in the browser."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cs_handouts.cli.app import (
    Command,
    DebugOption,
    ProjectOption,
    QuietOption,
    VerboseOption,
    app,
    detail,
    flag,
    long_run,
    project_of,
    reported,
    say,
    warn,
)

if TYPE_CHECKING:
    from cs_handouts.preview.rebuild import Rebuilt


@app.command(cls=Command)
def serve(
    port: Annotated[int, typer.Option(min=0, max=65535, metavar="N",
                                      help="The port on 127.0.0.1 (0: any free one).")] = 8000,
    open_browser: Annotated[bool, flag("--open", help="Open the series in the browser.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="PATH",
                                                help="Output folder.")] = None,
    project: ProjectOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Build, serve the output on 127.0.0.1, and rebuild and reload pages after every edit."""
    with reported(debug):
        from cs_handouts.preview.watch import serve as serve_series

        long_run()
        found = project_of(project, "serve")
        seen: list[str] = []

        def ready(address: str) -> None:
            typer.echo(f"Serving {address} (only on this computer); Ctrl-C stops.", err=False)
            say(f"  pages: {address}<module>/html/   PDF view: {address}_preview/pdf/"
                "<module>/facilitator-guide.pdf")
            if open_browser:
                import webbrowser

                webbrowser.open(address)

        def report(result: Rebuilt) -> None:
            for line in result.warnings:
                warn(line)
            for line in result.errors:
                if line not in seen:  # each error once, until it is fixed
                    typer.echo(line, err=True)
            if result.errors:
                typer.echo(f"Not rebuilt: {len(result.errors)} error"
                           f"{'s' if len(result.errors) != 1 else ''}; the pages show the last"
                           " good build.", err=True)
            elif seen:
                say("Fixed: every module builds again.")
            seen[:] = result.errors
            if result.modules:
                say(f"Rebuilt {', '.join(result.modules)} in {result.seconds:.2f} s.")
            else:
                detail(f"Nothing to rebuild ({result.seconds:.2f} s).")

        from cs_handouts.build.output import default_output

        serve_series(found, output or default_output(found.root), port, ready=ready,
                     report=report)
        say("Stopped.")
