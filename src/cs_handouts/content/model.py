"""The content format as pydantic models: what a series, a module and a handout may say.

Field names are the YAML keys (``page-break`` is the alias of ``page_break``).
Every model forbids unknown keys, so a misspelling is an error with a "did you
mean", never a silently ignored line.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from cs_handouts.content.steps import Email, MinutesSpan, ModuleMinutes, Note, Only, Step
from cs_handouts.timing.clock import parse_clock

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

# ReportLab lays out one long paragraph in quadratic time (100,000 characters: seconds;
# 300,000: a minute), so a text value has a limit far above any real one (about 5 pages).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
# Titles print in headers, bookmarks and agenda rows and labels beside writing lines: they
# must stay short enough to fit there, so a limit is a clear error instead of text off the page.
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Identifier = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
VariableName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=80)]
Minutes = Annotated[int, Field(ge=1, le=480)]


class Strict(BaseModel):
    """Base of every content model: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class TextShorthand(Strict):
    """A model that may be written as a plain string, meaning ``{text: that string}``."""

    @model_validator(mode="before")
    @classmethod
    def _from_plain_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


# --- handout blocks -------------------------------------------------------------------


class Question(TextShorthand):
    """A numbered question with writing lines; ``note`` and ``answer`` are facilitator-only."""

    text: Text
    lines: int = Field(default=3, ge=0, le=30)
    note: Text | None = None
    answer: Text | None = None


class Chart(Strict):
    """A grid to fill in: column headings, then blank rows or labelled rows."""

    title: Title | None = None
    columns: list[Text] = Field(min_length=1, max_length=6)
    rows: int = Field(default=5, ge=1, le=40)
    row_labels: list[Text] = Field(default_factory=list, alias="row-labels", max_length=40)
    row_height: float = Field(default=0, ge=0, le=5, alias="row-height")


class Lines(Strict):
    """Free writing lines, optionally under a prompt."""

    prompt: Text | None = None
    count: int = Field(default=5, ge=1, le=40)


class Checklist(Strict):
    """Items with a box to tick."""

    title: Title | None = None
    items: list[Text] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _list_shorthand(cls, value: Any) -> Any:
        return {"items": value} if isinstance(value, list) else value


class Scale(Strict):
    """Statements rated on an N-point scale, with a label for each point or for the two ends."""

    title: Title | None = None
    points: int = Field(default=5, ge=2, le=10)
    labels: list[Text] = Field(min_length=2)
    statements: list[Text] = Field(min_length=1)

    @model_validator(mode="after")
    def _labels_fit_points(self) -> Scale:
        if len(self.labels) not in (2, self.points):
            raise ValueError(
                f"give 2 labels (the two ends) or {self.points} (one per point),"
                f" not {len(self.labels)}"
            )
        return self


class Tip(Strict):
    """A bold lead and a sentence, as in the blog's four simple actions."""

    lead: Title
    text: Text


BLOCK_KINDS = ("text", "chart", "questions", "lines", "checklist", "scale", "tips",
               "references", "page-break")


class Block(Strict):
    """One block of a handout: a mapping with exactly one key, the block's kind."""

    text: Text | None = None
    chart: Chart | None = None
    questions: list[Question] | None = Field(default=None, min_length=1)
    lines: Lines | None = None
    checklist: Checklist | None = None
    scale: Scale | None = None
    tips: list[Tip] | None = Field(default=None, min_length=1)
    references: list[Text] | None = Field(default=None, min_length=1)
    page_break: bool | None = Field(default=None, alias="page-break")

    @model_validator(mode="before")
    @classmethod
    def _shorthands(cls, value: Any) -> Any:
        if value == "page-break":
            return {"page-break": True}
        if isinstance(value, dict) and isinstance(value.get("lines"), str):
            return {**value, "lines": {"count": value["lines"]}}
        return value

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> Block:
        given = [name for name in BLOCK_KINDS if getattr(self, name.replace("-", "_")) is not None]
        if len(given) != 1:
            kinds = ", ".join(BLOCK_KINDS)
            raise ValueError(f"a block has exactly one of: {kinds} (got {len(given)})")
        return self

    @property
    def kind(self) -> str:
        """The block's kind, as written in YAML."""
        return next(n for n in BLOCK_KINDS if getattr(self, n.replace("-", "_")) is not None)


class Handout(Strict):
    """A worksheet, form or reading that participants receive."""

    kind: Literal["worksheet", "form", "reading"]
    title: Title
    subtitle: Text | None = None
    fields: list[Label] = Field(default_factory=list, max_length=6)
    instructions: Text | None = None
    blocks: list[Block] = Field(min_length=1)

    @property
    def material_name(self) -> str:
        """How the handout is named in a materials list: 'Discussion Questions worksheet'."""
        if self.title.lower().endswith(self.kind):
            return self.title
        return f"{self.title} {self.kind}"


class InlineHandout(Handout):
    """A handout written inside a module file, under ``handouts:``; it names its own id."""

    id: Identifier


# --- modules --------------------------------------------------------------------------


class Segment(Strict):
    """A timed part of the module: an activity, or the conclusion."""

    title: Title
    minutes: MinutesSpan = Field(description="Minutes, or a range (30-45); 0 for untimed")
    grouping: Title | None = None
    steps: list[Step] = Field(min_length=1)
    id: Identifier | None = Field(default=None, description="A name for alternative-to: to"
                                                            " refer to")
    alternative_to: Identifier | None = Field(
        default=None, alias="alternative-to",
        description="The id of a segment this one may replace: the agenda shows 'A or B',"
                    " counted once")
    optional: bool = Field(default=False, description="Not counted in the total; the agenda"
                                                      " shows it as optional")
    only: Only | None = None


class Script(TextShorthand):
    """The suggested facilitator script: words to say, set apart in the guide."""

    title: Title = "Suggested Facilitator Script"
    minutes: int = Field(default=0, ge=0, le=480)
    text: Text


class Material(Strict):
    """Something to bring: a handout id or a named item, optionally with a quantity.

    A plain string is the item alone: ``- Chart paper`` means ``{item: Chart paper}``.
    """

    item: Text
    quantity: int | None = Field(default=None, ge=1, le=10000)
    per: Literal["participant", "table", "session"] = "session"
    optional: bool = Field(default=False, description="Nice to have: marked optional")
    only: Only | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_plain_text(cls, value: Any) -> Any:
        return {"item": value} if isinstance(value, str) else value

    @property
    def label(self) -> str:
        """'Pens (1 per participant)', or the item alone when no quantity is given."""
        if self.quantity is None:
            return self.item
        return f"{self.item} ({self.quantity} per {self.per})"


class Module(Strict):
    """One module of a series, as written in ``content/modules/<id>.yaml``."""

    number: int = Field(ge=0, le=999)
    title: Title
    minutes: ModuleMinutes = Field(description="The module's length: minutes or a range (30-45)")
    goals: list[Text] = Field(min_length=1)
    audience: Text | list[Text] | None = Field(default=None, description="Who it is for")
    level: Title | None = Field(default=None, description="Introductory, intermediate...")
    summary: Text | None = Field(default=None, description="One paragraph under the title")
    prerequisites: list[Text] = Field(default_factory=list, description="What participants"
                                                                        " should have done first")
    key_points: list[Note] = Field(default_factory=list, alias="key-points",
                                   description="The ideas to take away")
    notes: list[Note] = Field(default_factory=list, description="Important notes for the"
                                                                " facilitator, before the agenda")
    variants: list[Identifier] = Field(default_factory=list, description="Delivery variants"
                                       " (in-person, online); the first is the default edition")
    prepare: list[Step] = Field(default_factory=list, description="Before the session: a"
                                " checklist of steps, with e-mails")
    follow_up: list[Step] = Field(default_factory=list, alias="follow-up",
                                  description="After the session: the same shape as prepare")
    materials: list[Material] = Field(default_factory=list)
    script: Script | None = None
    activities: list[Segment] = Field(min_length=1)
    conclusion: Segment | None = None
    handouts: list[InlineHandout] = Field(default_factory=list)

    @property
    def segments(self) -> list[Segment]:
        """The timed segments in running order: activities, then the conclusion."""
        return [*self.activities, *([self.conclusion] if self.conclusion else [])]

    def material_items(self) -> list[str]:
        """The materials as written: handout ids and named items, without quantities."""
        return [material.item for material in self.materials]

    def distributed(self) -> list[str]:
        """Handout ids in the order the steps distribute them, each once."""
        seen: dict[str, None] = {}
        for segment in self.segments:
            for top in segment.steps:
                for step in top.all_steps():
                    if step.distribute:
                        seen.setdefault(step.distribute, None)
        return list(seen)

    def emails(self) -> list[Email]:
        """The e-mails of prepare: and follow-up:, in order."""
        return [inner.email for step in [*self.prepare, *self.follow_up]
                for inner in step.all_steps() if inner.email is not None]


# --- the series -----------------------------------------------------------------------


COLOUR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
Colour = Annotated[str, StringConstraints(pattern=COLOUR_PATTERN)]


class Brand(Strict):
    """The district's look on every page: name, logo, colours and a footer line."""

    name: Text | None = None  # defaults to the series' organization
    logo: Text | None = None  # a PNG, JPG or SVG file, relative to handouts.yaml
    logo_alt: Text | None = Field(default=None, alias="logo-alt")
    primary: Colour | None = None
    accent: Colour | None = None
    footer: Text | None = None
def _clock(value: Any) -> Any:
    return parse_clock(value) if isinstance(value, str) else value


ClockTime = Annotated[dt.time, BeforeValidator(_clock), WithJsonSchema({
    "type": "string", "pattern": r"^\s*\d{1,2}:\d{2}\s*([AaPp]\.?[Mm]\.?)?\s*$",
    "description": "A time of day: 9:00, 13:30 or 1:30 pm (quote it in YAML 1.1 editors)"})]


class Break(Strict):
    """A pause in a session, after one of its modules."""

    after: Identifier
    minutes: Minutes
    title: Text = "Break"


class Session(Strict):
    """One sitting of the series: a date, a start time, the modules taught, and the breaks."""

    title: Text | None = None
    date: dt.date
    start: ClockTime
    modules: list[Identifier] = Field(min_length=1)
    breaks: list[Break] = Field(default_factory=list)


class SeriesConfig(Strict):
    """``handouts.yaml``: the series' title, organization, module order and settings."""

    title: Title
    subtitle: Text | None = None
    organization: Title
    facilitator: Text | None = None
    date: dt.date | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = "en-US"
    paper: Literal["letter", "a4"] = "letter"
    modules: list[Identifier] | None = None
    variables: dict[VariableName, Text] = Field(default_factory=dict)
    brand: Brand = Field(default_factory=Brand)
    sessions: list[Session] = Field(default_factory=list)
