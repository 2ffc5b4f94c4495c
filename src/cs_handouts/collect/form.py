"""What a form asks, field by field, under the names its PDF and web page give the fields.

The names follow the handout builder's (``<handout>.scale<N>.s<I>``, ``<handout>.q<N>``,
...); tests/test_collect.py holds this list to the fields of the built PDF. Field names
are the same in every language edition, so answers from any edition line up.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from cs_handouts.content.model import Handout, Question
from cs_handouts.text.markup import plain, slug

Kind = Literal["rating", "choice", "check", "open", "info"]


@dataclass(frozen=True)
class FormField:
    """One answer a form collects."""

    name: str  # the form field's name, the CSV column's heading
    kind: Kind  # rating: a scale's point; choice: one option; check: a ticked box; open: text
    question: str  # what it asks, as printed
    group: str = ""  # the scale's or checklist's title, the choice question of a box
    values: tuple[str, ...] = ()  # a rating's points or a choice's option values, in order
    labels: tuple[str, ...] = ()  # what each value reads as on the page


@dataclass
class Form:
    """A form handout's fields, in the order the page asks them."""

    handout_id: str
    title: str
    fields: list[FormField] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]


def option_value(option: str, index: int) -> str:
    """The form value of a choice option, as the PDF and the web page give it."""
    return slug(plain(option)) or f"option{index}"


def describe_form(handout: Handout, handout_id: str, other_label: str = "Other") -> Form:
    """Every field of a form handout, named and in order as the builder names them."""
    form = Form(handout_id, plain(handout.title))
    add = form.fields.append
    for label in handout.fields:
        add(FormField(f"{handout_id}.info.{slug(label)}", "info", plain(label)))
    counts: Counter[str] = Counter()
    question_number = 0

    def name(kind: str) -> str:
        counts[kind] += 1
        return f"{handout_id}.{kind}{counts[kind]}"

    for block in handout.blocks:
        kind = block.kind
        if kind in ("text", "chart", "table"):
            name(kind)  # numbered like the builder's; their cells are not asked questions
        elif kind == "questions":
            for question in block.value:
                question_number += 1
                form.fields += _question_fields(question, f"{handout_id}.q{question_number}",
                                                other_label)
        elif kind == "lines":
            lines = block.value
            add(FormField(name("lines"), "open", plain(lines.prompt or "Notes")))
        elif kind == "checklist":
            checklist, prefix = block.value, name("checklist")
            for index, item in enumerate(checklist.items, start=1):
                add(FormField(f"{prefix}.i{index}", "check", plain(item),
                              plain(checklist.title or "")))
        elif kind == "scale":
            scale, prefix = block.value, name("scale")
            labels = scale.point_labels
            for index, statement in enumerate(scale.statements, start=1):
                add(FormField(f"{prefix}.s{index}", "rating", plain(statement),
                              plain(scale.title or ""), tuple(str(v) for v in scale.values),
                              tuple(f"{v} {plain(labels[v])}" if v in labels else str(v)
                                    for v in scale.values)))
    return form


def _question_fields(question: Question, name: str, other_label: str) -> list[FormField]:
    text = plain(question.text)
    fields = []
    if question.options:
        values = [option_value(option, index) for index, option in enumerate(question.options, 1)]
        labels = [plain(option) for option in question.options]
        if question.other:
            values.append("other")
            labels.append(other_label)
        if question.select == "one":
            fields.append(FormField(name, "choice", text, "", tuple(values), tuple(labels)))
        else:
            fields += [FormField(f"{name}.{value}", "check", label, text)
                       for value, label in zip(values, labels, strict=True)]
        if question.other:
            fields.append(FormField(f"{name}.other-text", "open", f"{text} ({other_label})"))
        if question.lines:
            fields.append(FormField(f"{name}.text", "open", text))
    elif question.lines:
        fields.append(FormField(name, "open", text))
    return fields
