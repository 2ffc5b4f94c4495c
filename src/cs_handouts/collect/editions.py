"""Answers from a language edition, lined up with the default edition's fields and values.

Field names are the default language's in every edition, and so are the values of
choices; but a file saved from an older build, or an option whose translation is written
with markup, can carry the translated value ("de-acuerdo" for "agree"). A translation
has the original's structure (the loader checks it), so the edition's form describes
the same fields in the same order: the translated names and values line up by position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from cs_handouts.collect.form import Form
from cs_handouts.collect.responses import Response


@dataclass
class Aliases:
    """Another edition's names and values of one form's fields -> the default edition's."""

    names: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # per (original) field name

    def add(self, original: Form, translated: Form) -> None:
        """Line ``translated`` (a form of another edition) up with ``original`` by position."""
        if len(original.fields) != len(translated.fields):
            return  # not the same structure: the loader has refused such a translation
        for ours, theirs in zip(original.fields, translated.fields, strict=True):
            if theirs.name != ours.name:
                self.names.setdefault(theirs.name, ours.name)
            if len(theirs.values) == len(ours.values):
                values = self.values.setdefault(ours.name, {})
                for mine, other in zip(ours.values, theirs.values, strict=True):
                    if other != mine and other not in ours.values:
                        values.setdefault(other, mine)


def edition_aliases(forms: Sequence[Form], editions: Sequence[Sequence[Form]]) -> dict[str, Aliases]:
    """Per form id: how the other editions' names and values map onto the default's."""
    aliases = {form.handout_id: Aliases() for form in forms}
    for edition in editions:
        by_id = {form.handout_id: form for form in edition}
        for form in forms:
            if form.handout_id in by_id:
                aliases[form.handout_id].add(form, by_id[form.handout_id])
    return aliases


def line_up(responses: Sequence[Response], aliases: dict[str, Aliases]) -> list[Response]:
    """The responses with every field name and choice value the default edition's."""
    lined = []
    for response in responses:
        known = aliases.get(response.form)
        if known is None:
            lined.append(response)
            continue
        answers = {}
        for name, value in response.answers.items():
            original = known.names.get(name, name)
            answers[original] = known.values.get(original, {}).get(value, value)
        lined.append(replace(response, answers=answers))
    return lined
