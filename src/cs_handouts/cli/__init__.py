"""The ``handouts`` command: one module per command or group of commands.

Importing this package registers every command on :data:`app`, except when the console
script names its command (``handouts build ...``): then only that command's module is
imported, so that Typer converts one command's options instead of all of them.
Nothing below ``cli/`` imports Typer or rich; ``console.py`` is the only module here
that imports rich.
"""

from __future__ import annotations

import importlib

from cs_handouts.cli.app import app
from cs_handouts.entry import requested_command

__all__ = ["app", "main"]

# The command on the command line -> the module that registers it.
_MODULES = {"build": "build", "print": "printing", "list": "validate", "validate": "validate",
            "schema": "validate", "new": "new", "serve": "serve", "template": "template"}

if requested_command() in _MODULES:
    importlib.import_module(f"cs_handouts.cli.{_MODULES[requested_command() or '']}")
else:
    from cs_handouts.cli import build, new, printing, serve, template, validate  # noqa: F401  (each registers its commands)


def main() -> None:
    """The console script's entry point."""
    app()
