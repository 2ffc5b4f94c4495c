"""The console script's entry point, light enough that Ctrl-C never shows a traceback.

Importing the CLI (Typer, Jinja2, pydantic) takes a noticeable moment; an interrupt
in that moment would otherwise print Python's KeyboardInterrupt traceback.
"""

from __future__ import annotations

import sys


def run() -> None:
    """Start ``handouts``; an interrupt before the CLI is ready exits 130 quietly."""
    try:
        from cs_handouts.cli import main

        main()
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
