"""Accessible PDFs: the web pages laid out by WeasyPrint as tagged, fillable PDF/UA-1.

ReportLab cannot write tagged PDF. The web pages already carry the structure (headings,
lists, tables with header cells, labelled fields, pictures with alt text) and WeasyPrint
keeps it as the PDF's structure tree; ``repair.py`` then mends what WeasyPrint leaves
short of PDF/UA. WeasyPrint (and pikepdf for the repairs) are an optional extra, so this
module only asks whether they are there: importing them costs a third of a second.
"""

from __future__ import annotations

import importlib.util
import os

from cs_handouts.errors import HandoutsError

INSTALL = "pip install 'cs-handouts[accessible]'"
# Set to 0 to leave accessible PDFs out of --format all (they take about 0.3 s a page).
ENVIRONMENT = "HANDOUTS_ACCESSIBLE"


def installed() -> bool:
    """Whether WeasyPrint and pikepdf are installed (without importing them)."""
    return all(importlib.util.find_spec(name) is not None for name in ("weasyprint", "pikepdf"))


def in_all() -> bool:
    """Whether ``--format all`` makes accessible PDFs: installed, and not turned off."""
    return installed() and os.environ.get(ENVIRONMENT, "1") != "0"


def missing_extra(why: str = "") -> HandoutsError:
    """The one-line error when WeasyPrint, pikepdf or WeasyPrint's libraries are missing."""
    reason = f" ({why})" if why else ""
    return HandoutsError(f"accessible PDFs need WeasyPrint and pikepdf{reason}: {INSTALL}"
                         " (on Debian also: apt-get install libpango-1.0-0 libpangoft2-1.0-0)")


def load_problem() -> str | None:
    """Why WeasyPrint cannot be used here (not installed, or its libraries missing), or None."""
    if not installed():
        return "not installed"
    try:
        import pikepdf  # noqa: F401

        import_weasyprint()
    except (ImportError, OSError) as error:  # OSError: installed, but Pango is not
        return str(error).splitlines()[0][:200] if str(error) else type(error).__name__
    return None


def import_weasyprint() -> None:
    """Import WeasyPrint, undoing what its import changes for everyone in the process.

    WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process, after which a
    truncated PNG would pass the checks of a series' pictures: it is set back.
    """
    from PIL import ImageFile

    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        import weasyprint  # noqa: F401
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated
