"""What a facilitator does, step by step: headings, steps with sub-steps and lists, notes.

A step is a mapping of keys that combine (``text:`` with ``list:`` and ``steps:``,
``say:`` with ``by:``...), or a plain string meaning ``{text: that string}``. The same
shape serves a segment's steps and the items of ``prepare:`` and ``follow-up:``.
"""

from __future__ import annotations

import builtins
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from cs_handouts.content.media import Image, Table
from cs_handouts.timing.span import Span, parse_minutes

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]


def _minutes_schema(minimum: int) -> dict[str, Any]:
    return {"anyOf": [{"type": "integer", "minimum": minimum, "maximum": 480},
                      {"type": "string", "pattern": r"^\s*\d{1,3}\s*[-–]\s*\d{1,3}\s*$"}],
            "description": "Minutes: a whole number (20) or a range (30-45); clock times"
                           " follow the lower figure"}


MinutesSpan = Annotated[Span, PlainValidator(lambda value: parse_minutes(value, 0)),
                        WithJsonSchema(_minutes_schema(0))]
ModuleMinutes = Annotated[Span, PlainValidator(lambda value: parse_minutes(value, 1)),
                          WithJsonSchema(_minutes_schema(1))]


def _as_tuple(value: Any) -> Any:
    return (value,) if isinstance(value, str) else value


Only = Annotated[tuple[Identifier, ...], BeforeValidator(_as_tuple), WithJsonSchema({
    "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    "description": "Shown only in these delivery variants (one of the module's variants:,"
                   " or a list of them): only: online"})]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _Shorthand(_Strict):
    """A model that may be written as a plain string, meaning ``{text: that string}``."""

    @model_validator(mode="before")
    @classmethod
    def _from_plain_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class Heading(_Shorthand):
    """A sub-heading inside a segment's steps, kept with what follows it."""

    text: Short = Field(description="The heading's words")
    level: int = Field(default=1, ge=1, le=2, description="1, or 2 for a heading under a heading")


class StepListItem(_Shorthand):
    """A bullet: its text, and perhaps a list under it."""

    text: Text = Field(description="The item's words (inline markup allowed)")
    list: StepList | None = Field(default=None, description="A list nested under this item")


class StepList(_Strict):
    """Bullets (or numbers, with ``ordered: true``); written as a plain list for bullets."""

    ordered: bool = Field(default=False, description="true: number the items 1, 2, 3")
    items: list[StepListItem] = Field(min_length=1, description="The items, each text or"
                                                            " {text, list}")

    @model_validator(mode="before")
    @classmethod
    def _from_plain_list(cls, value: Any) -> Any:
        return {"items": value} if isinstance(value, list) else value


class Email(_Strict):
    """An e-mail to send before or after the session; also written as an .eml file."""

    to: Short = Field(description="Who it goes to: an address, or words such as participants")
    subject: Short = Field(description="The subject line ({{ module.title }} and other"
                                       " variables work)")
    body: Text = Field(description="The message, as plain text")


class Note(_Shorthand):
    """A line of text that may be limited to some delivery variants."""

    text: Text = Field(description="The words (inline markup allowed)")
    only: Only | None = None


_MAIN = ("text", "say", "note", "heading", "image", "table", "email")


class Step(_Shorthand):
    """One thing the facilitator does: text, words to say, a note, a heading, a picture..."""

    text: Text | None = Field(default=None, description="What to do (inline markup allowed)")
    say: Text | None = Field(default=None, description="Words to say aloud, set apart")
    by: Short | None = Field(default=None, description="Who says it (with say:); the"
                                                      " facilitator by default")
    note: Text | None = Field(default=None, description="A facilitator note, set apart from"
                                                        " the steps")
    heading: Heading | None = Field(default=None, description="A sub-heading: text, or"
                                                              " {text, level: 2}")
    distribute: Identifier | None = Field(default=None, description="A handout id: hand it out"
                                                                    " here")
    image: Image | None = Field(default=None, description="A picture: {file, alt, width}")
    table: Table | None = Field(default=None, description="A table: {columns, rows, ...}")
    email: Email | None = Field(default=None, description="An e-mail to send (in prepare: and"
                                                          " follow-up:)")
    list: StepList | None = Field(default=None, description="Bullets under the step")
    # builtins.list: the field list: above hides the built-in name in this class.
    steps: builtins.list[Step] | None = Field(default=None, min_length=1,
                                              description="Numbered sub-steps: a., b., c.")
    minutes: MinutesSpan | None = Field(default=None, description="This step's own time"
                                                                  " (shown, not added up)")
    optional: bool = Field(default=False, description="Marked Optional in the guide; on a"
                                                      " heading, the steps under it too")
    only: Only | None = None

    @model_validator(mode="after")
    def _has_content(self) -> Step:
        given = [key for key in _MAIN if getattr(self, key) is not None]
        if not given and self.distribute is None and self.list is None and self.steps is None:
            raise ValueError("a step needs text, say, note, heading, distribute, image, table,"
                             " email, list or steps")
        if len(given) > 1:
            raise ValueError(f"a step has one of {', '.join(_MAIN)}; this one has"
                             f" {' and '.join(given)}")
        if self.by is not None and self.say is None:
            raise ValueError("by: says who says the words of a say: step")
        if self.heading is not None and (self.list or self.steps or self.distribute):
            raise ValueError("a heading step carries only minutes: and optional:; put the"
                             " list or steps in the steps after it")
        return self

    @property
    def numbered(self) -> bool:
        """Whether the step takes a number: headings, notes, pictures and tables do not."""
        return not (self.heading or self.note or self.image or self.table)

    def all_steps(self) -> builtins.list[Step]:
        """This step and its sub-steps, depth first."""
        return [self, *[inner for step in self.steps or [] for inner in step.all_steps()]]


StepListItem.model_rebuild()
Step.model_rebuild()
