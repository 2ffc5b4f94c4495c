"""``handouts new``: start a series, or add a module or a handout to one."""

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
    project_of,
    reported,
    say,
)
from cs_handouts.errors import HandoutsError, display_path


@app.command(cls=Command)
def new(
    what: Annotated[str, typer.Argument(
        metavar="PATH | module ID | handout ID",
        help="A folder for a new series; or 'module' or 'handout' followed by the new id.")],
    identifier: Annotated[str | None, typer.Argument(metavar="[ID]", show_default=False,
                                                     help="The id of the new module or handout.")] = None,
    kind: Annotated[str, choice("--kind", choices=("worksheet", "form", "reading"),
                                help="The kind of a new handout.")] = "worksheet",
    project: ProjectOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Start a series in a new folder, or add a module or a handout from a commented template."""
    with reported(debug):
        from cs_handouts.scaffold.new import new_handout, new_module, new_series

        if what in ("module", "handout") and identifier is None:
            raise HandoutsError(f"name the new {what}: handouts new {what} ID"
                                f" (a series in a folder named '{what}': handouts new ./{what})")
        if identifier is not None and what not in ("module", "handout"):
            raise HandoutsError(f"'{what}': expected 'module' or 'handout' before the id"
                                f" '{identifier}' (handouts new module ID)")
        if what == "module":
            created = new_module(project_of(project, f"new {what}"), identifier or "")
        elif what == "handout":
            created = new_handout(project_of(project, f"new {what}"), identifier or "", kind)
        else:
            created = new_series(Path(what))
        for path in created.files:
            say(f"wrote {display_path(path)}")
        if created.next_steps:
            say("Next: " + "; ".join(created.next_steps))
