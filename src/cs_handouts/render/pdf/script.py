"""Words to say aloud: a shaded box headed "Say", in upright text large enough to read standing.

A script longer than the room left on a page splits between paragraphs, or between lines
of one paragraph, and says so: "(continued on the next page)" at the foot of the first
part, "Say (continued)" at the head of the next.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import Paragraph

PAD = 9
BAR = 3


class ScriptBox(Flowable):
    """Paragraphs to read aloud under a "Say" label, on the script's fill with a bar at the left."""

    def __init__(self, paragraphs: Sequence[Paragraph], styles: Styles, label: str,
                 continued_label: str, continues_label: str, *, continued: bool = False,
                 continues: bool = False) -> None:
        super().__init__()
        self.paragraphs, self.styles = list(paragraphs), styles
        self.labels = (label, continued_label, continues_label)
        self.continued, self.continues = continued, continues
        title = continued_label if continued else label
        colour = styles.theme.colors.primary
        # A clear label, in the heading colour; none where the step above already says "Say:".
        self.head = Paragraph(f'<font color="{colour}"><b>{title}</b></font>' if title else "",
                              styles.body)
        self.foot = Paragraph(f"<i>{continues_label}</i>", styles.muted) if continues else None

    def _inner(self, width: float) -> float:
        return width - 2 * PAD - BAR

    def _gap(self, paragraph: Paragraph) -> float:
        return float(paragraph.style.spaceAfter)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        inner = self._inner(available_width)
        self.head_height = self.head.wrap(inner, 10_000)[1] + 3 if self.head.text else 0.0
        self.foot_height = self.foot.wrap(inner, 10_000)[1] + 3 if self.foot else 0.0
        self.heights = [p.wrap(inner, 10_000)[1] for p in self.paragraphs]
        body = sum(self.heights) + sum(self._gap(p) for p in self.paragraphs[:-1])
        self.height = 2 * PAD + self.head_height + body + self.foot_height
        return available_width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """Between paragraphs if one fits, else inside the first; never leaving the label alone."""
        self.wrap(available_width, available_height)
        inner = self._inner(available_width)
        continues = Paragraph(f"<i>{self.labels[2]}</i>", self.styles.muted)
        room = (available_height - 2 * PAD - self.head_height
                - continues.wrap(inner, 10_000)[1] - 3)
        taken: list[Paragraph] = []
        for paragraph, height in zip(self.paragraphs, self.heights, strict=True):
            if height > room:
                break
            taken.append(paragraph)
            room -= height + self._gap(paragraph)
        rest = self.paragraphs[len(taken):]
        if rest and room > 2 * float(rest[0].style.leading):
            pieces = rest[0].split(inner, room)
            if len(pieces) == 2:
                taken.append(pieces[0])
                rest = [pieces[1], *rest[1:]]
        if not taken or not rest:
            return []
        return [self._copy(taken, self.continued, True), self._copy(rest, True, self.continues)]

    def _copy(self, paragraphs: list[Paragraph], continued: bool, continues: bool) -> ScriptBox:
        return ScriptBox(paragraphs, self.styles, *self.labels, continued=continued,
                         continues=continues)

    def draw(self) -> None:
        canvas, styles = self.canv, self.styles
        canvas.saveState()
        canvas.setFillColor(styles.colour("script"))
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.setStrokeColor(styles.colour("primary"))
        canvas.setLineWidth(BAR)
        rtl = self.styles.rtl  # the bar where lines start: at the right, right to left
        bar_x = self.width - BAR / 2 if rtl else BAR / 2
        canvas.line(bar_x, 0, bar_x, self.height)
        canvas.restoreState()
        x = PAD if rtl else BAR + PAD
        y = self.height - PAD - self.head_height
        if self.head.text:
            self.head.drawOn(canvas, x, y + 3)
        for paragraph, height in zip(self.paragraphs, self.heights, strict=True):
            y -= height
            paragraph.drawOn(canvas, x, y)
            y -= self._gap(paragraph)
        if self.foot is not None:
            self.foot.drawOn(canvas, x, PAD)
