"""What a build makes: PDFs and web pages (``BASE``, as serve), and accessible PDFs on request.

Accessible PDFs need an optional extra (WeasyPrint and pikepdf); ``all`` takes them in
where it is installed, unless HANDOUTS_ACCESSIBLE=0 leaves them out. Cheap to import:
it runs before the "nothing changed" check.
"""

from __future__ import annotations

from cs_handouts.errors import HandoutsError
from cs_handouts.render import accessible as extra

BASE = ("pdf", "html")
INSTALL = extra.INSTALL


def installed() -> bool:
    """Whether the accessible extra is installed (nothing imported)."""
    return extra.installed()


def all_formats() -> tuple[str, ...]:
    """The formats of ``--format all``: accessible PDFs too where WeasyPrint is installed."""
    return (*BASE, "accessible") if extra.in_all() else BASE


def load_problem() -> str | None:
    """Why WeasyPrint cannot be used here, or None: imports it."""
    return extra.load_problem()


def missing_extra(why: str) -> HandoutsError:
    """The one-line error that says how to install the extra."""
    return extra.missing_extra(why)


def without_accessible(formats: tuple[str, ...]) -> tuple[str, ...]:
    """``formats`` less the accessible PDFs (WeasyPrint installed but unable to load)."""
    return tuple(name for name in formats if name != "accessible")
