"""The print list: which files to print, how many sheets each takes, and what else to bring.

The print shop (or the trainer at the copier) reads ``print-list.txt``; a spreadsheet
reads ``print-list.csv``. Both are made from the same rows, so their figures agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cs_handouts.text.csvcells import csv_text

CSV_COLUMNS = ("module", "item", "file", "pages", "sheets per copy", "copies", "sides", "paper",
               "total sheets", "quantity", "notes")


@dataclass(frozen=True)
class PrintJob:
    """One PDF to print: how many copies, on which paper, one side or both."""

    module: str
    item: str
    file: str  # relative to the folder the print list is in
    pages: int
    copies: int
    duplex: bool
    paper: str  # "letter", "a4", "letter cardstock"...
    notes: str = ""

    @property
    def sheets_per_copy(self) -> int:
        return math.ceil(self.pages / 2) if self.duplex else self.pages

    @property
    def total_sheets(self) -> int:
        return self.sheets_per_copy * self.copies

    @property
    def sides(self) -> str:
        return "duplex" if self.duplex else "simplex"


@dataclass(frozen=True)
class MaterialLine:
    """Something to bring that is not printed here, and how many (None: not given)."""

    module: str
    item: str
    quantity: int | None
    notes: str = ""


@dataclass(frozen=True)
class PrintList:
    """Everything to print and bring for one module or a whole series."""

    title: str
    jobs: Sequence[PrintJob]
    materials: Sequence[MaterialLine]

    def sheets_by_paper(self) -> dict[str, int]:
        """Total sheets per kind of paper, in the order the papers first appear."""
        totals: dict[str, int] = {}
        for job in self.jobs:
            totals[job.paper] = totals.get(job.paper, 0) + job.total_sheets
        return totals


def to_csv(print_list: PrintList) -> str:
    """The print list as CSV: the print jobs, then the materials (one header row)."""
    rows: list[list[object]] = [list(CSV_COLUMNS)]
    for job in print_list.jobs:
        rows.append([job.module, job.item, job.file, job.pages, job.sheets_per_copy,
                     job.copies, job.sides, job.paper, job.total_sheets, "", job.notes])
    for material in print_list.materials:
        quantity = "" if material.quantity is None else material.quantity
        rows.append([material.module, material.item, "", "", "", "", "", "", "",
                     quantity, material.notes])
    return csv_text(rows)  # formula-like text cells neutralised


def to_text(print_list: PrintList) -> str:
    """The print list as an aligned plain-text table a person can read or print."""
    series = len({job.module for job in print_list.jobs}) > 1  # files then name their module
    head = ["file", "pages", "sheets/copy", "copies", "sides", "paper", "total sheets"]
    rows = [[job.file, str(job.pages), str(job.sheets_per_copy), str(job.copies), job.sides,
             job.paper, str(job.total_sheets)] for job in print_list.jobs]
    numeric = {head.index(name) for name in ("pages", "sheets/copy", "copies", "total sheets")}
    lines = [print_list.title, "=" * len(print_list.title), "", "Print", ""]
    lines += _table(head, rows, numeric)
    lines.append("")
    for paper, sheets in print_list.sheets_by_paper().items():
        lines.append(f"Total: {sheets} {'sheet' if sheets == 1 else 'sheets'} of {paper}")
    notes = [(job, job.notes) for job in print_list.jobs if job.notes]
    if notes:
        lines += ["", "Notes", ""]
        lines += [f"- {job.file}: {note}" for job, note in notes]
    if print_list.materials:
        lines += ["", "Also bring", ""]
        for material in print_list.materials:
            where = f"[{material.module}] " if series else ""
            quantity = "?" if material.quantity is None else str(material.quantity)
            note = f" ({material.notes})" if material.notes else ""
            lines.append(f"- {where}{quantity} × {material.item}{note}")
    return "\n".join(lines) + "\n"


def _table(head: list[str], rows: list[list[str]], numeric: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
                         for i, cell in enumerate(cells)).rstrip()

    return [line(head), "  ".join("-" * w for w in widths), *(line(row) for row in rows)]
