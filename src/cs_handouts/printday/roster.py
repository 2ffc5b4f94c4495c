"""Read a participant roster: a CSV file with a header row, name, school or department, email.

Rosters come out of spreadsheets, so the reader accepts what Excel and LibreOffice
write (UTF-8 with or without a BOM, commas or semicolons, any column order, extra
columns) and refuses, with the file and line, what would print wrong names.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cs_handouts.errors import ContentError, Location, Problem

# Header spellings (lowercased, spaces collapsed) accepted for each column.
COLUMNS = {
    "name": ("name", "full name", "participant", "participant name"),
    "school": ("school", "department", "school or department", "school/department",
               "school / department", "department or school", "department/school", "dept",
               "site", "location", "building", "campus", "organization", "organisation"),
    "email": ("email", "e-mail", "e mail", "email address", "e-mail address"),
}
_HEADER_HELP = "the header row must name the columns name, school (or department) and email"
MAX_ROSTER_BYTES = 5_000_000  # 2,000 people (the most a print set is for) fit in 200 KB
MAX_CELL = 200  # characters in a name, school or email: more cannot print on a name tent
MAX_PEOPLE = 2000  # as printset.MAX_PARTICIPANTS: more would print a forest


class RosterError(ContentError):
    """Problems in a roster file, each with its line."""

    @property
    def summary(self) -> str:
        count = len(self.problems)
        return f"Aborted: {count} {'error' if count == 1 else 'errors'} in the roster; " \
            "nothing was written."


@dataclass(frozen=True)
class Participant:
    """One person on the roster, and the line of the file they came from."""

    name: str
    school: str
    email: str
    line: int


@dataclass(frozen=True)
class Roster:
    """The participants of one roster file, in the file's order."""

    file: Path
    participants: list[Participant]

    def location(self, participant: Participant) -> Location:
        """Where a participant was written, for error messages."""
        return Location(self.file, participant.line, 1)


def read_roster(path: Path) -> Roster:
    """Read and check a roster; a RosterError lists every problem, each with its line."""
    try:
        if path.exists() and not path.is_file():
            raise RosterError([Problem(Location(path), "", "not a regular file")])
        with path.open("rb") as stream:
            raw = stream.read(MAX_ROSTER_BYTES + 1)
    except OSError as error:
        raise RosterError([Problem(Location(path), "", f"cannot read the roster: "
                                    f"{error.strerror}")]) from None
    if len(raw) > MAX_ROSTER_BYTES:
        raise RosterError([Problem(Location(path), "", "the roster is too large (more than "
                                   f"{MAX_ROSTER_BYTES // 1_000_000} MB); a print set is for"
                                   f" at most {MAX_PEOPLE} participants")])
    text = _decode(path, raw)
    rows = _rows(path, text)
    if not rows:
        raise RosterError([Problem(Location(path, 1, 1), "", "the roster is empty; "
                                    f"{_HEADER_HELP}, one participant a line below it")])
    header_line, header = rows[0]
    columns, problems = _columns(path, header_line, header)
    participants: list[Participant] = []
    for line, cells in rows[1:]:
        if len(cells) > len(header):
            problems.append(Problem(Location(path, line, 1), "",
                                    f"too many cells: this row has {len(cells)}, the header has "
                                    f"{len(header)} ({', '.join(header)}); put a value that "
                                    "holds a comma in double quotes"))
            continue
        cells += [""] * (len(header) - len(cells))  # a row cut short: the rest is blank
        if columns is None:
            continue
        bad = _bad_cells(path, line, columns, cells)
        if bad:
            problems += bad
            continue
        values = {key: _clean(cells[index]) for key, index in columns.items()}
        if not values["name"]:
            problems.append(Problem(Location(path, line, columns["name"] + 1), "name",
                                    "the name is empty"))
            continue
        if values["email"] and "@" not in values["email"]:
            problems.append(Problem(Location(path, line, columns["email"] + 1), "email",
                                    f"'{values['email']}' is not an email address"))
        participants.append(Participant(values["name"], values["school"], values["email"], line))
    if len(participants) > MAX_PEOPLE:
        problems.append(Problem(Location(path, participants[MAX_PEOPLE].line, 1), "",
                                f"more than {MAX_PEOPLE} participants ({len(participants)}); a"
                                f" print set is for at most {MAX_PEOPLE}: split the roster"))
    if not problems and not participants:
        problems.append(Problem(Location(path, header_line, 1), "",
                                "the roster has a header row but no participants below it"))
    if problems:
        raise RosterError(problems)
    return Roster(path, participants)


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 text with any BOM removed, or a located error that says how to save it."""
    if raw.startswith(b"PK\x03\x04"):
        raise RosterError([Problem(Location(path, 1, 1), "", "this is a spreadsheet workbook "
                                   "(.xlsx or .ods), not CSV: save it as 'CSV UTF-8'")])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RosterError([Problem(Location(path, 1, 1), "", "the roster is UTF-16 "
                                    "(Excel's 'Unicode Text'); save it as 'CSV UTF-8'")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start
        line = raw.count(b"\n", 0, start) + 1
        column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        byte = raw[start]
        message = (f"not UTF-8 (byte 0x{byte:02X}); the roster may be in another encoding "
                   "such as Windows-1252: save it as 'CSV UTF-8' from your spreadsheet")
        raise RosterError([Problem(Location(path, line, column), "", message)]) from None


def _rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """Non-blank CSV rows with the line each starts on (a quoted cell may span lines).

    A quote that is never closed would swallow the rest of the file into one name, and
    a cell too long for the csv module would be a traceback: both are located errors.
    """
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    line = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        message = str(error)
        if "field larger than field limit" in message:
            message = f"a cell of more than {csv.field_size_limit():,} characters; a name or" \
                " school has at most 200"
        elif "unexpected end of data" in message or reader.line_num > line:
            message = ("a double quote opens a cell here that is never closed; close it, or"
                       " remove the quote")
        else:
            message = f"not valid CSV: {message}"
        raise RosterError([Problem(Location(path, line, 1), "", message)]) from None
    return rows


def _bad_cells(path: Path, line: int, columns: dict[str, int], cells: list[str]) -> list[Problem]:
    """A problem for each name, school or email too long to print, or holding control characters."""
    problems = []
    for key, index in columns.items():
        value = cells[index]
        control = next((ch for ch in value if unicodedata.category(ch) == "Cc"
                        and ch not in "\t\r\n"), None)
        where = Location(path, line, index + 1)
        if control is not None:
            problems.append(Problem(where, key, f"a control character (U+{ord(control):04X}),"
                                    " which prints nothing; remove it"))
        elif len(value) > MAX_CELL:
            problems.append(Problem(where, key, f"{len(value):,} characters; at most {MAX_CELL}"))
    return problems


def _columns(path: Path, line: int, header: list[str]
             ) -> tuple[dict[str, int] | None, list[Problem]]:
    """Which cell holds name, school and email; every missing column is a problem."""
    found: dict[str, int] = {}
    names = [" ".join(_clean(cell).lower().replace("_", " ").split()) for cell in header]
    for key, spellings in COLUMNS.items():
        for index, name in enumerate(names):
            if name in spellings and key not in found:
                found[key] = index
    missing = [key for key in COLUMNS if key not in found]
    if not missing:
        return found, []
    shown = ", ".join(cell.strip() for cell in header)
    problems = [Problem(Location(path, line, 1), "", f"missing column '{key}' "
                        f"({_HEADER_HELP}; this header has: {shown})") for key in missing]
    return None, problems


def _clean(value: str) -> str:
    """One line of composed text: spreadsheets and keyboards differ in how they write 'ễ'.

    Invisible format characters pasted in with a name (zero-width spaces, direction
    marks) are dropped: they print nothing, and the font has no glyph for them.
    """
    visible = "".join(ch for ch in value if unicodedata.category(ch) != "Cf")
    return unicodedata.normalize("NFC", " ".join(visible.split()))
