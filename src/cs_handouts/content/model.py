"""The content format as pydantic models: what a series, a module and a handout may say.

Field names are the YAML keys (``page-break`` is the alias of ``page_break``).
Every model forbids unknown keys, so a misspelling is an error with a "did you
mean", never a silently ignored line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from cs_handouts.content.media import Image, Table
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


# The script's heading when a module names none (the guide prints it in the edition's language).
DEFAULT_SCRIPT_TITLE = "Suggested Facilitator Script"

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


# Editors that read YAML 1.1 see [Yes, No] as booleans; the loader keeps them as written.
Option = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                   WithJsonSchema({"type": ["string", "boolean", "number"],
                                   "description": "An option, as printed beside its box"})]


class Question(TextShorthand):
    """A numbered question with writing lines, or a choice question with ``options``.

    ``note`` and ``answer`` are facilitator-only. A choice question has no writing lines
    unless it asks for them; its ``answer`` names the right option (or options).
    """

    text: Text
    lines: int = Field(default=3, ge=0, le=30, description=(
        "Writing lines under the question (default 3; 0 for a choice question)."))
    note: Text | None = None
    answer: Text | list[Option] | None = Field(default=None, description=(
        "Facilitator-only. For a choice question: the right option, or a list of them with"
        " select: many; it is marked in the facilitator's copy."))
    options: list[Option] | None = Field(default=None, min_length=2, max_length=12, description=(
        "The choices: one radio group (select: one) or a checkbox each (select: many)."))
    select: Literal["one", "many"] = Field(default="one", description=(
        "one: a single choice (radio buttons); many: any number (checkboxes)."))
    other: bool = Field(default=False, description=(
        "Adds a last choice, \"Other:\", with a line and a text field to write it in."))

    @model_validator(mode="before")
    @classmethod
    def _choices_have_no_lines(cls, value: Any) -> Any:
        if isinstance(value, dict) and value.get("options") is not None and "lines" not in value:
            return {**value, "lines": 0}
        return value

    @model_validator(mode="after")
    def _answer_is_an_option(self) -> Question:
        if self.options is None:
            if self.select != "one" or self.other:
                raise ValueError("select: and other: need options:")
            if isinstance(self.answer, list):
                raise ValueError("answer: a list of answers needs options:")
            return self
        if len(set(self.options)) != len(self.options):
            raise ValueError("options: each option once")
        if self.answer is None:
            return self
        answers = self.answers
        if self.select == "one" and len(answers) > 1:
            raise ValueError("answer: one option for a select: one question; or say select: many")
        for answer in answers:
            if answer not in self.options:
                raise ValueError(f"answer: '{answer}' is not one of the options:"
                                 f" {', '.join(self.options)}")
        return self

    @property
    def answers(self) -> list[str]:
        """The answer as a list: the right options of a choice question."""
        if self.answer is None:
            return []
        return [self.answer] if isinstance(self.answer, str) else list(self.answer)


# A chart's column heading may be left blank ("") over a column of its own.
ChartHeading = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]


class Chart(Strict):
    """A grid to fill in: column headings, then blank rows or labelled rows."""

    title: Title | None = None
    columns: list[ChartHeading] = Field(min_length=1, max_length=8, description=(
        "Column headings, left to right; a heading may be blank (\"\")."))
    rows: int = Field(default=5, ge=1, le=40)
    row_labels: list[Text] = Field(default_factory=list, alias="row-labels", max_length=40)
    row_height: float = Field(default=0, ge=0, le=5, alias="row-height")
    widths: list[Annotated[float, Field(gt=0, le=100)]] | None = Field(
        default=None, description="Relative column widths, one per column (default: the first"
        " column wider, the rest equal).")

    @model_validator(mode="after")
    def _one_width_per_column(self) -> Chart:
        if self.widths is not None and len(self.widths) != len(self.columns):
            raise ValueError(f"widths: give one width per column ({len(self.columns)}),"
                             f" not {len(self.widths)}")
        return self


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


def _point_range(value: Any) -> Any:
    """``5`` means 1 to 5; ``0-10`` means 0 to 10: (first, last)."""
    if isinstance(value, tuple):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})", text)
    if match:
        first, last = int(match[1]), int(match[2])
    elif text.isdigit():
        first, last = 1, int(text)
    else:
        raise ValueError(f"expected a number of points (5) or a range (0-10), got '{text}'")
    if not 2 <= last - first + 1 <= 11:
        raise ValueError(f"a scale has 2 to 11 points, not {last - first + 1}")
    return (first, last)


Points = Annotated[tuple[int, int], BeforeValidator(_point_range), WithJsonSchema({
    "anyOf": [{"type": "integer", "minimum": 2, "maximum": 11},
              {"type": "string", "pattern": r"^\s*\d{1,2}\s*(-|–|to)\s*\d{1,2}\s*$"}],
    "description": "How many points (5: from 1 to 5), or from-to (0-10: 11 points)."})]


class Scale(Strict):
    """Statements rated on a scale of points, labelled at every point, at the ends, or where a
    mapping of point to label says."""

    title: Title | None = None
    points: Points = Field(default=(1, 5), json_schema_extra={"default": 5})
    labels: list[Text] | dict[int, Text] = Field(description=(
        "A label per point, the two ends' labels, or a mapping of point to label"
        " ({1: Not at all, 3: Neutral, 5: Completely})."))
    statements: list[Text] = Field(min_length=1)

    @model_validator(mode="after")
    def _labels_fit_points(self) -> Scale:
        count = len(self.values)
        if isinstance(self.labels, dict):
            outside = [str(point) for point in self.labels if point not in self.values]
            if outside or not self.labels:
                first, last = self.points
                raise ValueError(f"labels: {', '.join(outside) or 'no labels'}: a label's point"
                                 f" must be one of the points, {first} to {last}")
        elif len(self.labels) not in (2, count):
            raise ValueError(
                f"give 2 labels (the two ends) or {count} (one per point),"
                f" not {len(self.labels)}"
            )
        return self

    @property
    def values(self) -> list[int]:
        """The points, in order: [1, 2, 3, 4, 5] or [0, 1, ..., 10]."""
        return list(range(self.points[0], self.points[1] + 1))

    @property
    def point_labels(self) -> dict[int, str]:
        """The label printed over each point that has one (two end labels: none, a legend)."""
        if isinstance(self.labels, dict):
            return dict(self.labels)
        if len(self.labels) == len(self.values):
            return dict(zip(self.values, self.labels, strict=True))
        return {}

    @property
    def legend(self) -> tuple[str, str] | None:
        """The two ends' labels, when the scale names only its ends ("1 = ... 5 = ...")."""
        if isinstance(self.labels, list) and len(self.labels) != len(self.values):
            return self.labels[0], self.labels[1]
        return None


class Tip(Strict):
    """A bold lead and a sentence, as in the blog's four simple actions."""

    lead: Title
    text: Text


class HeadingBlock(TextShorthand):
    """A section heading inside a handout, kept on the page with what follows it."""

    text: Title = Field(description="The heading's words.")
    level: int = Field(default=1, ge=1, le=2, description="1: a heading; 2: a heading under one.")


class ListItem(TextShorthand):
    """One item of a list: text, or ``{text: ..., list: [...]}`` with items under it."""

    text: Text = Field(description="The item's words.")
    list: BulletList | None = Field(default=None, description="Items under this one.")


class BulletList(Strict):
    """Bulleted items (numbered with ``ordered: true``); an item may hold a list of its own."""

    ordered: bool = Field(default=False, description="Number the items instead of bullets.")
    items: list[ListItem] = Field(min_length=1, max_length=200, description=(
        "The items: text, or {text: ..., list: [...]} with items under it."))

    @model_validator(mode="before")
    @classmethod
    def _list_shorthand(cls, value: Any) -> Any:
        return {"items": value} if isinstance(value, list) else value

    @model_validator(mode="after")
    def _three_levels_at_most(self) -> BulletList:
        if self.depth > 3:
            raise ValueError("lists nest at most three levels deep")
        return self

    @property
    def depth(self) -> int:
        """How many levels deep the list goes (1: no item has a list under it)."""
        return 1 + max((item.list.depth for item in self.items if item.list), default=0)


BLOCK_KINDS = ("text", "chart", "questions", "lines", "checklist", "scale", "tips",
               "references", "page-break", "heading", "list", "note", "table", "image")


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
    heading: HeadingBlock | None = Field(default=None, description=(
        "A section heading, kept with what follows it; {text: ..., level: 2} for a sub-heading."))
    list_: BulletList | None = Field(default=None, alias="list", description=(
        "Bullets: a list of items; an item may be {text: ..., list: [...]} to nest."))
    note: Text | None = Field(default=None, description=(
        "A note for the facilitator: printed only in facilitator copies."))
    table: Table | None = Field(default=None, description=(
        "A table with content: text cells, \"\" or ~ to write in (a form field each),"
        " {empty: true}, and blank-rows."))
    image: Image | None = Field(default=None, description=(
        "A picture, scaled to fit and never cut; for a map or diagram to draw on, the"
        " picture is the space to write in."))

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
        given = [name for name in BLOCK_KINDS if self.value_of(name) is not None]
        if len(given) != 1:
            kinds = ", ".join(BLOCK_KINDS)
            raise ValueError(f"a block has exactly one of: {kinds} (got {len(given)})")
        return self

    @property
    def kind(self) -> str:
        """The block's kind, as written in YAML."""
        return next(n for n in BLOCK_KINDS if self.value_of(n) is not None)

    def value_of(self, kind: str) -> Any:
        """The value under the key ``kind`` (``page-break``, ``list``...), or None."""
        return getattr(self, _BLOCK_ATTRIBUTES.get(kind, kind))

    @property
    def value(self) -> Any:
        """The block's value: the chart, the questions, the text..."""
        return self.value_of(self.kind)


_BLOCK_ATTRIBUTES = {"page-break": "page_break", "list": "list_"}


class Handout(Strict):
    """A worksheet, form or reading that participants receive."""

    kind: Literal["worksheet", "form", "reading"]
    title: Title
    subtitle: Text | None = None
    fields: list[Label] = Field(default_factory=list, max_length=6)
    instructions: Text | None = None
    orientation: Literal["portrait", "landscape"] = Field(default="portrait", description=(
        "landscape: the handout's pages are printed sideways (wide tables and forms)."))
    audience: Literal["participants", "facilitator"] = Field(default="participants", description=(
        "facilitator: a sheet for the facilitator only, in the facilitator packet and the"
        " guide's materials, never in the participant packet."))
    distribute: bool = Field(default=True, description=(
        "false: shown on screen and never handed out (no warning that no step distributes"
        " it, and not in the participant packet)."))
    blocks: list[Block] = Field(min_length=1)

    @property
    def for_facilitator(self) -> bool:
        """Whether only the facilitator gets this handout."""
        return self.audience == "facilitator"

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

    title: Title = DEFAULT_SCRIPT_TITLE
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
    title: Text | None = None  # the label break_title ("Break") in the series' language


class Session(Strict):
    """One sitting of the series: a date, a start time, the modules taught, and the breaks."""

    title: Text | None = None
    date: dt.date
    start: ClockTime
    modules: list[Identifier] = Field(min_length=1)
    breaks: list[Break] = Field(default_factory=list)
    location: Text | None = None  # where it is held, for the calendar file


def _time_zone(name: str) -> str:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise ValueError(f"unknown time zone '{name}': use an IANA name, such as America/Chicago")\
            from None
    return name


TimeZoneName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60),
                         AfterValidator(_time_zone),
                         WithJsonSchema({"type": "string", "description":
                                         "An IANA time zone name, such as America/Chicago"})]


def _site_url(url: str) -> str:
    import re

    if not re.fullmatch(r"https?://[^\s/?#@]+(/[^\s?#]*)?", url):
        raise ValueError(f"'{url}' is not a web address: write it as https://host/path,"
                         " without a query or a fragment")
    return url


# Printed as a QR code and beside it in the footer: a web address short enough to read there.
SiteUrl = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80),
                    AfterValidator(_site_url),
                    WithJsonSchema({"type": "string", "maxLength": 80, "pattern": "^https?://",
                                    "description": "Where output/ is published, such as "
                                    "https://learning.example.org/handouts"})]


class CertificateSettings(Strict):
    """Who signs the certificates of completion, and which way up they print."""

    signer: Text | None = None  # printed under the signature line; default: the facilitator
    signer_title: Text | None = Field(default=None, alias="signer-title")  # "Director of ..."
    orientation: Literal["portrait", "landscape"] = "portrait"


class SeriesConfig(Strict):
    """``handouts.yaml``: the series' title, organization, module order and settings."""

    title: Title
    subtitle: Text | None = None
    organization: Title
    facilitator: Text | None = None
    date: dt.date | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = "en-US"
    # Every language edition, the default first; the others translate beside the originals
    # (module4.es.yaml, handouts.es.yaml).
    languages: list[Annotated[str, StringConstraints(
        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]] | None = None
    paper: Literal["letter", "a4"] = "letter"
    modules: list[Identifier] | None = None
    variables: dict[VariableName, Text] = Field(default_factory=dict)
    brand: Brand = Field(default_factory=Brand)
    sessions: list[Session] = Field(default_factory=list)
    timezone: TimeZoneName | None = None  # the sessions' clock times; floating times without it
    # Where output/ is published: printed pages carry a QR code to their web twins there.
    site_url: SiteUrl | None = Field(default=None, alias="site-url")
    certificates: CertificateSettings = Field(default_factory=CertificateSettings)
