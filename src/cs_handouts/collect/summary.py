"""The responses as a spreadsheet (CSV) and as counts, means and lists for the report."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from cs_handouts.collect.form import Form, FormField
from cs_handouts.collect.responses import Response

# A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return first).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """The value, made inert for spreadsheets: a leading ' keeps a formula from running."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def columns(forms: Sequence[Form], responses: Sequence[Response]) -> list[str]:
    """The field columns: each form's fields in page order, then any others the answers hold."""
    names = [name for form in forms for name in form.names]
    known = set(names)
    extra = sorted({key for r in responses for key in r.answers if key not in known})
    return names + extra


def responses_csv(forms: Sequence[Form], responses: Sequence[Response]) -> bytes:
    """One row per response, one column per field headed by its name (UTF-8 with a BOM)."""
    fields = columns(forms, responses)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["file", "form", "language", *fields])
    for response in responses:
        row = [response.source, response.form, response.language,
               *(response.answers.get(name, "") for name in fields)]
        writer.writerow([safe_cell(cell) for cell in row])
    # The BOM tells Excel the file is UTF-8, so accented answers read as written.
    return buffer.getvalue().encode("utf-8-sig")


@dataclass(frozen=True)
class Counted:
    """A question answered by choosing: the count of each value, and how many left it blank."""

    question: str
    group: str
    labels: tuple[str, ...]  # what each value reads as
    counts: tuple[int, ...]
    answered: int  # responses that gave an answer (for boxes to tick: ticked at least one)
    blank: int
    mean: float | None = None  # ratings only: over the answers given


@dataclass(frozen=True)
class OpenAnswers:
    """A question answered in words: every answer given."""

    question: str
    answers: tuple[str, ...]


@dataclass
class FormSummary:
    """Everything the report says about one form."""

    form: Form
    responses: int
    items: list[Counted | OpenAnswers] = field(default_factory=list)


def summarize(form: Form, responses: Sequence[Response]) -> FormSummary:
    """Counts and means of ratings, counts of choices and ticks, and the open answers."""
    mine = [r for r in responses if r.form == form.handout_id]
    summary = FormSummary(form, len(mine))
    ticks: dict[str, list[FormField]] = {}
    for item in form.fields:
        if item.kind == "check":
            ticks.setdefault(item.group or item.question, []).append(item)
    done: set[str] = set()
    for item in form.fields:
        if item.kind in ("rating", "choice"):
            summary.items.append(_counted(item, mine))
        elif item.kind == "check":
            key = item.group or item.question
            if key not in done:
                done.add(key)
                boxes = ticks[key]
                counts = tuple(sum(1 for r in mine if box.name in r.answers) for box in boxes)
                blank = sum(1 for r in mine if not any(box.name in r.answers for box in boxes))
                summary.items.append(Counted(key, "", tuple(b.question for b in boxes), counts,
                                             len(mine) - blank, blank))
        elif item.kind == "open":
            answers = tuple(r.answers[item.name] for r in mine if item.name in r.answers)
            summary.items.append(OpenAnswers(item.question, answers))
    return summary


def _counted(item: FormField, responses: Sequence[Response]) -> Counted:
    given = [r.answers[item.name] for r in responses if item.name in r.answers]
    counts = tuple(given.count(value) for value in item.values)
    blank = len(responses) - len(given)
    labels = item.labels
    unknown = sorted(set(given) - set(item.values))
    if unknown:  # a value of another edition's options: counted under its own name
        labels += tuple(unknown)
        counts += tuple(given.count(value) for value in unknown)
    mean = None
    if item.kind == "rating":
        numbers = [int(value) for value in given if value in item.values]
        mean = sum(numbers) / len(numbers) if numbers else None
    return Counted(item.question, item.group, labels, counts, len(given), blank, mean)
