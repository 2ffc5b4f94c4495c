"""CSV cells that a spreadsheet shows as text, never runs as a formula: for every CSV written.

A material named ``=HYPERLINK(...)``, ``+cmd|...``, ``-2+3`` or ``@SUM(...)`` would be a
formula in Excel or LibreOffice. As OWASP recommends (CSV injection), a text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
apostrophe, which spreadsheets read as "this is text". Numbers are left as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value``, with an apostrophe before a text cell a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """Rows as CSV text (CRLF line ends, as spreadsheets write), every cell made safe."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()
