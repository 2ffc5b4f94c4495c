"""The guide's sections around the activities: summary, key points, notes, before and after."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from cs_handouts.content.steps import Note, Step
from cs_handouts.render.pdf.flowables import CheckItem
from cs_handouts.render.pdf.origin import Origin, tag
from cs_handouts.render.pdf.parts import callout, heading, paragraphs_of
from cs_handouts.render.pdf.steps import StepWriter
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import Paragraph
from cs_handouts.render.templates import Labels
from cs_handouts.text.markup import to_reportlab


def summary(text: str | None, styles: Styles) -> list[Flowable]:
    """The module's summary paragraph, under the title."""
    return tag(paragraphs_of(text, styles.body), Origin(None, ("summary",))) if text else []


def bullet_section(title: str, notes: list[Note], key: str, styles: Styles, *,
                   boxed: bool = False) -> list[Flowable]:
    """A heading and its bullets (key points), or the bullets in a box (important notes)."""
    if not notes:
        return []
    items = [Paragraph(to_reportlab(note.text), styles.bullet, bulletText="•") for note in notes]
    body: list[Flowable] = [callout(items, styles, fill="fill", bar="accent")] if boxed else items
    return tag([heading(title, styles.heading, level=0), *body], Origin(None, (key,)))


def checklist_section(title: str, items: list[Step], key: str, writer: StepWriter,
                      styles: Styles, field_prefix: str) -> list[Flowable]:
    """Before or after the session: each item a box to tick, e-mails printed in full."""
    if not items:
        return []
    flowables = tag([heading(title, styles.heading, level=0)], Origin(None, (key,)))
    for index, item in enumerate(items):
        path = (key, index)
        parts: list[Flowable]
        if item.email is not None:
            parts = writer.email(item.email)
        elif item.text is not None or item.note is not None:
            text = writer.marked(to_reportlab(item.text or item.note or ""), item)
            parts = [CheckItem(text, f"{field_prefix}.{key}.i{index + 1}", styles, markup=True)]
        else:
            parts = writer.step(item, index + 1, 0, path)
        if item.list is not None and item.email is None and (item.text or item.note):
            parts += writer.indented(writer.bullets(item.list))
        if item.steps and item.email is None and (item.text or item.note):
            parts += writer.indented(writer.steps(item.steps, (*path, "steps"), 1))
        flowables += tag(parts, Origin(None, path))
    return [*flowables, Spacer(1, 4)]


def label_line(label: Labels, block: str, styles: Styles, **values: object) -> Paragraph:
    """One labelled line of the overview box ('**Audience:** ...')."""
    return Paragraph(to_reportlab(label(block, **values)), styles.body)
