"""Small building blocks shared by the guide and the handouts: headings, callouts, paragraphs."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import Paragraph
from cs_handouts.text.markup import paragraphs, plain, to_reportlab
from cs_handouts.text.typography import keep_last_words


def heading(text: str, style: ParagraphStyle, level: int) -> Paragraph:
    """A heading that also becomes a PDF bookmark at ``level``."""
    paragraph = Paragraph(to_reportlab(keep_last_words(text)), style)
    paragraph.outline = (plain(text), level)
    paragraph.keepWithNext = True
    return paragraph


def paragraphs_of(text: str, style: ParagraphStyle) -> list[Flowable]:
    """One Paragraph per blank-line-separated paragraph of ``text``."""
    return [Paragraph(to_reportlab(part), style) for part in paragraphs(text)]


def callout(content: Sequence[Flowable], styles: Styles, *, fill: str = "script",
            bar: str = "primary") -> Table:
    """Flowables set apart in a shaded box with a coloured bar on the left.

    Each flowable is a row, so a long callout can break across pages between paragraphs.
    """
    table = Table([[item] for item in content], colWidths=["100%"], hAlign="LEFT")
    table.setStyle(TableStyle([
        # The table's own font for its cells, which is Helvetica unless it is set: unembedded.
        ("FONT", (0, 0), (-1, -1), styles.regular, styles.theme.sizes.body),
        ("BACKGROUND", (0, 0), (-1, -1), styles.colour(fill)),
        # The bar stands where lines start: at the right in a right-to-left edition.
        ("LINEAFTER" if styles.rtl else "LINEBEFORE", (0, 0), (0, -1), 3, styles.colour(bar)),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, 0), 8),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
    ]))
    return table

