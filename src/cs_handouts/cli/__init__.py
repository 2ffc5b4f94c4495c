"""The ``handouts`` command: one module per command or group of commands.

Importing this package registers every command on :data:`app`. Nothing below ``cli/``
imports Typer or rich; ``console.py`` is the only module here that imports rich.
"""

from __future__ import annotations

from cs_handouts.cli import build, new, printing, serve, template, validate  # noqa: F401  (each registers its commands)
from cs_handouts.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """The console script's entry point."""
    app()
