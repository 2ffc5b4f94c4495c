"""The sign-in sheet: who came, with a signature column; blank rows for walk-ins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from cs_handouts.render.pdf.canvasdoc import markup
from cs_handouts.render.pdf.parts import heading
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import Paragraph, string_width

ROW_PADDING = 7  # with one line of text, a row is about 29 pt: room to sign by hand


@dataclass(frozen=True)
class SignInRow:
    """A participant printed on the sheet; both empty for a blank row."""

    name: str = ""
    school: str = ""


SIGN_IN_WORDS = ("Sign-in Sheet", "Name", "School or department", "Signature")


def sign_in_story(title: str, details: Sequence[tuple[str, str]], rows: Sequence[SignInRow],
                  styles: Styles, words: Sequence[str] = SIGN_IN_WORDS) -> list[Flowable]:
    """The sign-in sheet: title, the session's details, then one numbered row per person.

    ``words``: the sheet's title and its column heads, in the series' language.
    """
    story: list[Flowable] = [heading(words[0], styles.title, level=0),
                             Paragraph(markup(title), styles.subtitle)]
    for label, value in details:
        story.append(Paragraph(f"<b>{markup(label)}:</b> {markup(value)}", styles.body))
    story.append(Spacer(1, styles.theme.spacing.section * 0.5))
    story.append(_table(rows, styles, words[1:]))
    return story


def _table(rows: Sequence[SignInRow], styles: Styles, heads: Sequence[str]) -> Table:
    head: list[object] = [Paragraph(f"<b>{markup(text)}</b>", styles.cell_head)
                          for text in ("#", *heads)]
    data: list[list[object]] = [head]
    for number, row in enumerate(rows, start=1):
        # A no-break space keeps blank rows as tall as printed ones; long names wrap.
        data.append([Paragraph(str(number), styles.muted),
                     OneLine(row.name or "\u00a0", styles.cell),
                     OneLine(row.school, styles.cell), ""])
    # Four-digit row numbers (a roster of 1,000 or more) need a wider first column.
    widths = ["6%", "32%", "30%", "32%"] if len(rows) < 1000 else ["8%", "31%", "29%", "32%"]
    if styles.rtl:  # right to left: the number at the right, the signature at the left
        data = [list(reversed(row)) for row in data]
        widths.reverse()
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        # The empty signature cells are strings: give them the embedded font, not Helvetica.
        ("FONT", (0, 0), (-1, -1), styles.regular, styles.theme.sizes.body),
        ("BACKGROUND", (0, 0), (-1, 0), styles.head_fill()),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, styles.colour("primary")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.6, styles.colour("rule")),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.6, styles.colour("rule")),  # between columns
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


class OneLine(Flowable):
    """A name on one line, set a little smaller if it must be; a very long one wraps.

    One line keeps a wrapped name from interleaving with the next column when the
    sheet is read back as text, and reads better than a name broken in two.
    """

    SMALLEST = 8.5  # smaller than this reads worse than a name on two lines

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.style = text, style
        self.paragraph: Paragraph | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        font, size = self.style.fontName, self.style.fontSize
        stack = getattr(self.style, "fontStack", None)
        while size > self.SMALLEST and string_width(self.text, font, size, stack) > available_width:
            size -= 0.25
        self.size = size
        if string_width(self.text, font, size, stack) <= available_width:
            self.paragraph = None
            return available_width, self.style.leading
        self.paragraph = Paragraph(markup(self.text), self.style)  # too long: wrap at full size
        width, height = self.paragraph.wrap(available_width, available_height)
        return float(width), float(height)

    def draw(self) -> None:
        if self.paragraph is not None:
            self.paragraph.drawOn(self.canv, 0, 0)
            return
        self.canv.setFont(self.style.fontName, self.size)
        self.canv.setFillColor(self.style.textColor)
        # The baseline sits where a Paragraph of the style would put it.
        self.canv.drawString(0, self.style.leading - self.style.fontSize, self.text)
