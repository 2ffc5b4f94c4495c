"""A safety net: text whose inline markup ReportLab's paragraph parser refuses, found before layout.

``text.markup.to_reportlab`` should only ever make markup ReportLab reads; when it does
not (emphasis markers that overlap, say), the build must say where, as a located
error, and never fail later with an "internal error". ``build.checks`` runs this on
every printed string of the content, in ``build``, ``print`` and ``validate`` alike.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle

from cs_handouts.render.pdf.text import Paragraph

_STYLE = ParagraphStyle("parse-check", fontName="Helvetica")


@lru_cache(maxsize=8192)
def paragraph_error(markup: str) -> str | None:
    """Why ReportLab cannot read ``markup`` as a paragraph (its parser's words), or None."""
    try:
        Paragraph(markup, _STYLE)
    except ValueError as error:  # paraparser reports every markup error as a ValueError
        detail = str(error).rsplit("caused exception", 1)[-1].strip()
        first = (detail.splitlines() or ["unreadable markup"])[0].rstrip(".")
        return (f"the printer cannot read this text's emphasis ({first}); check that each **"
                " and * closes in the reverse order it opened")
    return None
