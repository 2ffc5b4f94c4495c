"""Reading rosters as spreadsheets write them."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from cs_handouts.printday.roster import RosterError, read_roster
from tests.conftest import DATA


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_or_without_bom(tmp_path: Path, bom: bytes) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(bom + "name,school,email\r\nZoë Ørsted,Food Service,z@x.org\r\n".encode())
    roster = read_roster(path)
    assert [(p.name, p.school, p.email, p.line) for p in roster.participants] == [
        ("Zoë Ørsted", "Food Service", "z@x.org", 2)]


def test_any_column_order_extra_columns_blank_lines_and_quoted_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('Email, Phone ,School or Department,Full Name\n\n'
                    'a@x.org,555,"Lincoln\nElementary","Nguyễn  Thị Hương"\n'
                    'b@x.org,556,Central Office,Bo Berg\n', encoding="utf-8")
    people = read_roster(path).participants
    assert [(p.name, p.school, p.line) for p in people] == [
        ("Nguyễn Thị Hương", "Lincoln Elementary", 3), ("Bo Berg", "Central Office", 5)]


def test_semicolons_as_european_excel_writes_them() -> None:
    people = read_roster(DATA / "rosters" / "semicolons.csv").participants
    assert [(p.name, p.school) for p in people] == [("Müller, Jörg", "Nordschule")]


def test_decomposed_accents_are_composed(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    name = unicodedata.normalize("NFD", "Đặng Văn Lâm")
    path.write_text(f"name,school,email\n{name},,\n", encoding="utf-8")
    assert read_roster(path).participants[0].name == unicodedata.normalize("NFC", name)


def test_header_without_participants(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("name,school,email\n\n", encoding="utf-8")
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    assert [p.message for p in caught.value.problems] == [
        "the roster has a header row but no participants below it"]


def test_utf16_is_named(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("name,school,email\n".encode("utf-16"))
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    assert "UTF-16" in caught.value.problems[0].message


def test_snake_case_headers_and_invisible_characters(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Name,School_or_Department,E_mail\n\u200bAna\u200e Lima,Finance,a@x.org\n",
                    encoding="utf-8")
    assert read_roster(path).participants[0].name == "Ana Lima"


def test_a_workbook_is_not_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)))
    with pytest.raises(RosterError) as caught:
        read_roster(path)
    assert caught.value.problems[0].message == (
        "this is a spreadsheet workbook (.xlsx or .ods), not CSV: save it as 'CSV UTF-8'")
