"""The sign-in sheet: who came, with a signature column; blank rows for walk-ins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from cs_handouts.render.pdf.canvasdoc import markup
from cs_handouts.render.pdf.parts import heading
from cs_handouts.render.pdf.styles import Styles

ROW_PADDING = 7  # with one line of text, a row is about 29 pt: room to sign by hand


@dataclass(frozen=True)
class SignInRow:
    """A participant printed on the sheet; both empty for a blank row."""

    name: str = ""
    school: str = ""


def sign_in_story(title: str, details: Sequence[tuple[str, str]], rows: Sequence[SignInRow],
                  styles: Styles) -> list[Flowable]:
    """The sign-in sheet: title, the session's details, then one numbered row per person."""
    story: list[Flowable] = [heading("Sign-in Sheet", styles.title, level=0),
                             Paragraph(markup(title), styles.subtitle)]
    for label, value in details:
        story.append(Paragraph(f"<b>{markup(label)}:</b> {markup(value)}", styles.body))
    story.append(Spacer(1, styles.theme.spacing.section * 0.5))
    story.append(_table(rows, styles))
    return story


def _table(rows: Sequence[SignInRow], styles: Styles) -> Table:
    head = [Paragraph(f"<b>{text}</b>", styles.cell_head)
            for text in ("#", "Name", "School or department", "Signature")]
    data: list[list[object]] = [head]
    for number, row in enumerate(rows, start=1):
        # A no-break space keeps blank rows as tall as printed ones; long names wrap.
        data.append([Paragraph(str(number), styles.muted),
                     Paragraph(markup(row.name) or "\u00a0", styles.cell),
                     Paragraph(markup(row.school), styles.cell), ""])
    table = Table(data, colWidths=["6%", "32%", "30%", "32%"], repeatRows=1, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        # The empty signature cells are strings: give them the embedded font, not Helvetica.
        ("FONT", (0, 0), (-1, -1), styles.regular, styles.theme.sizes.body),
        ("BACKGROUND", (0, 0), (-1, 0), styles.colour("primary")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.6, styles.colour("rule")),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.6, styles.colour("rule")),
        ("BOX", (0, 0), (-1, -1), 0.9, styles.colour("primary")),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
        ("TOPPADDING", (0, 1), (-1, -1), ROW_PADDING),
        ("BOTTOMPADDING", (0, 1), (-1, -1), ROW_PADDING),
    ]
    commands += [("BACKGROUND", (0, row), (-1, row), styles.colour("script"))
                 for row in range(2, len(data), 2)]
    table.setStyle(TableStyle(commands))
    return table
