"""``handouts template``: list the built-in templates, or copy one into templates/ to override it."""

from __future__ import annotations

from typing import Annotated

import typer

from cs_handouts.cli.app import (
    Command,
    DebugOption,
    Group,
    ProjectOption,
    QuietOption,
    VerboseOption,
    app,
    project_of,
    reported,
    say,
)
from cs_handouts.errors import display_path

template_app = typer.Typer(cls=Group, no_args_is_help=True,
                           help="The built-in templates and theme, and copies of them to override.")
app.add_typer(template_app, name="template")


@template_app.command("list", cls=Command)
def list_templates() -> None:
    """List the built-in templates a series can override."""
    from cs_handouts.scaffold.overrides import builtin_templates

    for name, what in builtin_templates().items():
        typer.echo(f"{name:<20}{what}")


@template_app.command("copy", cls=Command)
def copy(
    names: Annotated[list[str], typer.Argument(metavar="NAME...",
                                               help="Built-in files to copy, such as theme.yaml.")],
    project: ProjectOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
) -> None:
    """Copy built-in templates into the series' templates/, to start an override."""
    with reported(debug):
        from cs_handouts.scaffold.overrides import copy_template

        found = project_of(project, "template copy")
        for name in names:
            say(f"wrote {display_path(copy_template(found, name))}")
