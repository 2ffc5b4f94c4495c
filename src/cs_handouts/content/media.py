"""Images and tables: content that a guide's steps and a handout's blocks both may hold."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")


class _Strict(BaseModel):
    # The same rules as model.Strict (which imports this file): unknown keys are errors.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


Percent = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^(100|[1-9][0-9]?)%$")]


class Image(_Strict):
    """A PNG, JPG or SVG picture from the series folder, scaled to fit the page, never cut."""

    file: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)] = Field(
        description="The picture: a PNG, JPG or SVG file inside the series folder, written"
                    " relative to handouts.yaml (images/matrix.png)")
    alt: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)] = Field(
        description="What the picture shows, for readers who cannot see it (the web page's alt"
                    " text and the PDF's)")
    width: Percent | None = Field(
        default=None, description="How wide, as a share of the text width (60%); by default the"
                                  " picture's own size, never wider than the text")
    caption: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                              max_length=2000)] | None = Field(
        default=None, description="A line printed under the picture")

    @property
    def fraction(self) -> float | None:
        """The width as a fraction of the text width, or None for the picture's own size."""
        return int(self.width.rstrip("%")) / 100 if self.width else None


def _cell_text(value: Any) -> Any:
    # A number in a cell (a year, a count) is text to print, not a type error.
    if isinstance(value, bool):
        return value
    return str(value) if isinstance(value, int | float) else value


class EmptyCell(_Strict):
    """A cell left empty and not for writing: ``{empty: true}``."""

    # The loader keeps scalars as text ("true"), which Literal[True] would refuse.
    empty: Annotated[Literal[True], BeforeValidator(lambda value: value in (True, "true", "True")
                                                    or value)] = Field(
        description="true: the cell stays empty and has no form field")


CellText = Annotated[str, BeforeValidator(_cell_text),
                     StringConstraints(strip_whitespace=True, max_length=2000)]
Cell = CellText | EmptyCell | None
Heading = Annotated[str, BeforeValidator(_cell_text), StringConstraints(strip_whitespace=True,
                                                                       max_length=200)]


def cell_kind(cell: Cell) -> Literal["text", "write", "empty"]:
    """``text`` to print, ``write`` (``""`` or ``~``: a writing cell with a field) or ``empty``."""
    if isinstance(cell, EmptyCell):
        return "empty"
    return "text" if cell else "write"


class Table(_Strict):
    """A table with a heading row; a cell is text, ``""``/``~`` for writing, or ``{empty: true}``."""

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                            max_length=100)] | None = Field(
        default=None, description="A heading printed above the table (and a bookmark)")
    columns: list[Heading] = Field(
        min_length=1, max_length=8,
        description="The column headings, left to right; a heading may be blank (\"\")")
    widths: list[Annotated[float, Field(gt=0, le=100)]] | None = Field(
        default=None, description="Relative column widths ([2, 1, 1]: the first twice as wide);"
                                  " equal by default")
    rows: list[list[Cell]] = Field(
        default_factory=list, max_length=200,
        description="The rows, each a list of cells: text (inline markup allowed), \"\" or ~ for"
                    " a cell to write in (with a form field in handouts), or {empty: true}")
    blank_rows: int = Field(default=0, ge=0, le=40, alias="blank-rows",
                            description="How many rows to write in after the given rows")

    @model_validator(mode="after")
    def _shape(self) -> Table:
        problems = []
        if self.widths is not None and len(self.widths) != len(self.columns):
            problems.append(f"give one width per column: {len(self.columns)} columns,"
                            f" {len(self.widths)} widths")
        problems += [f"row {number} has {len(row)} cells, but the table has"
                     f" {len(self.columns)} columns"
                     for number, row in enumerate(self.rows, start=1)
                     if len(row) != len(self.columns)]
        if not self.rows and not self.blank_rows:
            problems.append("a table needs rows: or blank-rows:")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def all_rows(self) -> list[list[Cell]]:
        """The given rows, then ``blank-rows`` rows of writing cells."""
        blank: list[Cell] = [None] * len(self.columns)
        return [*self.rows, *[list(blank) for _ in range(self.blank_rows)]]

    def relative_widths(self) -> list[float]:
        """Each column's share of the table's width, adding up to 1."""
        widths = self.widths or [1.0] * len(self.columns)
        return [width / sum(widths) for width in widths]
