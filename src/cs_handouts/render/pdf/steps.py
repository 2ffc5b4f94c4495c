"""A segment's steps in the guide: numbered steps, sub-headings, sub-steps, lists and notes.

Numbering runs through a segment across its headings (guides say "repeat steps 7 and 8");
sub-steps are a., b., c. and their own sub-steps i., ii. A heading keeps with what follows.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Indenter, Spacer

from cs_handouts.content.series import LoadedModule
from cs_handouts.content.steps import Email, Step, StepList
from cs_handouts.render.pdf.image import ImageFlowable
from cs_handouts.render.pdf.origin import Origin, tag
from cs_handouts.render.pdf.parts import callout, paragraphs_of
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.table import TableFlowable
from cs_handouts.render.pdf.text import Paragraph
from cs_handouts.render.templates import Labels
from cs_handouts.text.markup import paragraphs, plain, to_reportlab

TOO_TALL = "a step is too long to fit on one page; split it with a blank line or into sub-steps"
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def marker(number: int, depth: int) -> str:
    """A step's number as printed: 3. at the top, c. for a sub-step, iii. below that."""
    if depth == 0:
        return f"{number}."
    if depth == 1:
        return f"{_letters(number)}."
    return f"{_ROMAN[number - 1] if number <= len(_ROMAN) else number}."


def _letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


class StepWriter:
    """Turns steps into flowables for one guide; ``label`` words what the guide adds."""

    def __init__(self, loaded: LoadedModule, styles: Styles, label: Labels) -> None:
        self.loaded, self.styles, self.label = loaded, styles, label
        self.indent = round(18 * styles.theme.scale, 1)
        self.minor_heading = ParagraphStyle("minor-heading", parent=styles.subheading,
                                            fontSize=styles.body.fontSize,
                                            leading=styles.body.leading)
        self.under_heading = False  # whether a level-1 heading came before, in this segment

    def steps(self, steps: list[Step], path: tuple[str | int, ...],
              depth: int = 0) -> list[Flowable]:
        """The steps of a segment (or of a step, one level deeper), each tagged with its path."""
        flowables: list[Flowable] = []
        number = 0
        if depth == 0:
            self.under_heading = False
        for index, step in enumerate(steps):
            if step.numbered:
                number += 1
            flowables += tag(self.step(step, number, depth, (*path, index)),
                             Origin(None, (*path, index), TOO_TALL))
        return flowables

    def step(self, step: Step, number: int, depth: int,
             path: tuple[str | int, ...]) -> list[Flowable]:
        """One step with what it carries: list, sub-steps, words to say, a handout line."""
        styles = self.styles
        if step.heading is not None:
            return [self._heading(step)]
        if step.image is not None:
            return self.indented([ImageFlowable(step.image, styles)])
        if step.table is not None:
            return self.indented([TableFlowable(step.table, styles),
                                   Spacer(1, styles.theme.spacing.paragraph)])
        own: list[Flowable] = []
        if step.note is not None:
            own += self._note(step)
        elif step.email is not None:
            own += self.indented(self.email(step.email))
        else:
            own.append(Paragraph(self._lead(step), styles.question,
                                 bulletText=marker(number, depth)))
        if step.say is not None:
            own += self.indented([callout(paragraphs_of(step.say, styles.script), styles),
                                   Spacer(1, 4)])
        handout = self.loaded.handouts.get(step.distribute) if step.distribute else None
        if handout is not None:
            own.append(Paragraph(to_reportlab(self.label("handout_line", handout=handout)),
                                 styles.detail))
        if step.list is not None:
            own += self.indented(self.bullets(step.list))
        if step.steps:
            own += self.indented(self.steps(step.steps, (*path, "steps"), depth + 1))
        # The lead line never ends a page without what it introduces. (Not a KeepTogether:
        # ReportLab counts a KeepTogether inside another as endlessly tall.)
        if len(own) > 1 and isinstance(own[0], Paragraph):
            own[0].keepWithNext = True
        return own

    def _lead(self, step: Step) -> str:
        """The step's first line: its text (or 'Say:'), marked optional and timed if it is."""
        if step.say is not None:
            words = self.label("say_by", by=step.by) if step.by else self.label("say")
        elif step.text is not None:
            words = step.text
        elif step.distribute is not None:
            words = self.label("distribute_step", handout=self.loaded.handouts[step.distribute])
        else:
            words = ""
        return self.marked(to_reportlab(words), step)

    def marked(self, markup: str, step: Step) -> str:
        muted = self.styles.theme.colors.muted
        if step.optional:
            markup = f"<b>{to_reportlab(self.label('optional_marker'))}</b> {markup}"
        if step.minutes is not None:
            markup += (f' <font color="{muted}">'
                       f"{to_reportlab(self.label('step_minutes', minutes=step.minutes))}</font>")
        return markup

    def _heading(self, step: Step) -> Flowable:
        assert step.heading is not None
        style = self.styles.subheading if step.heading.level == 1 else self.minor_heading
        paragraph = Paragraph(self.marked(to_reportlab(step.heading.text), step), style)
        # Bookmarks cannot skip a level: a level-2 heading with none above it sits at level 1.
        level = 1 if step.heading.level == 1 or not self.under_heading else 2
        self.under_heading = self.under_heading or step.heading.level == 1
        paragraph.outline = (plain(step.heading.text), level)
        paragraph.keepWithNext = True
        return paragraph

    def _note(self, step: Step) -> list[Flowable]:
        assert step.note is not None
        lead = to_reportlab(self.label("note_label"))
        first, *rest = paragraphs(step.note)
        lines = [Paragraph(self.marked(f"{lead} {to_reportlab(first)}", step), self.styles.note),
                 *[Paragraph(to_reportlab(part), self.styles.note) for part in rest]]
        return self.indented([callout(lines, self.styles, fill="fill", bar="accent"),
                               Spacer(1, 6)])

    def bullets(self, spec: StepList, depth: int = 0) -> list[Flowable]:
        """A list's items as bullets (or numbers), nested lists indented under their item."""
        flowables: list[Flowable] = []
        for number, item in enumerate(spec.items, start=1):
            bullet = f"{number}." if spec.ordered else ("•" if depth % 2 == 0 else "–")
            flowables.append(Paragraph(to_reportlab(item.text), self.styles.bullet,
                                       bulletText=bullet))
            if item.list is not None:
                flowables += self.indented(self.bullets(item.list, depth + 1))
        return flowables

    def email(self, email: Email) -> list[Flowable]:
        """An e-mail as the guide prints it: who to, the subject, then the message."""
        styles = self.styles
        head = [Paragraph(to_reportlab(self.label("email_to", to=email.to)), styles.note),
                Paragraph(to_reportlab(self.label("email_subject", subject=email.subject)),
                          styles.note), Spacer(1, 4)]
        body = [Paragraph(to_reportlab(part), styles.note) for part in paragraphs(email.body)]
        box = callout([*head, *body], styles, fill="fill")
        box.setStyle([("NOSPLIT", (0, 0), (-1, -1))])  # an e-mail reads whole, on one page
        return [box, Spacer(1, 6)]

    def indented(self, flowables: list[Flowable]) -> list[Flowable]:
        opening = Indenter(left=self.indent)
        # Kept with what it indents: a line kept with the indent ("3. Say:") stays with the
        # words themselves, never alone at the foot of a page.
        opening.keepWithNext = True
        return [opening, *flowables, Indenter(left=-self.indent)]

