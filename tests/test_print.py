"""`handouts print`: the real PDFs' pages, sizes, parity and roster names, and the print list."""

from __future__ import annotations

import csv
import json
import math
import re
import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from cs_handouts.render.pdf.certificate import pd_sentence
from tests.conftest import DATA, REPO, copy_series, run_cli
from tests.pdftext import field_names, fonts, page_texts, pdf_text

ROSTER = DATA / "rosters" / "roster.csv"
NAMES = [
    "José Núñez-García", "Zoë Ørsted", "Nguyễn Thị Hương", "Αλέξανδρος Παπαδόπουλος",
    "Наталья Кузнецова", "Siobhán O'Brien, Ed.D.", "François Lefèvre", "Łukasz Wąsik",
    "Çağla Yılmaz", "Đặng Văn Lâm",
]
HANDOUT_TITLES = ["Who Are Our Internal Customers",
                  "Internal Customer Service Discussion Questions", "Reflection"]
NOTICE = "This page intentionally left blank"
LETTER, A4 = (612.0, 792.0), (595.28, 841.89)
PAGE_OF = re.compile(r"Page (\d+) of (\d+)")


def print_set(root: Path, *args: str) -> Path:
    run_cli("print", "module4", "--project", str(root), *args)
    return root / "output" / "module4" / "print"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Module 4 printed for 24 with the roster, duplex, on Letter."""
    root = copy_series(tmp_path_factory.mktemp("print") / "series")
    return print_set(root, "--participants", "24", "--roster", str(ROSTER), "--date", "2026-12-03")


@pytest.fixture(scope="module")
def simplex_a4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Module 4 printed for 24 without a roster, simplex, on A4."""
    root = copy_series(tmp_path_factory.mktemp("print") / "series")
    return print_set(root, "--participants", "24", "--simplex", "--paper", "a4")


def page_sizes(path: Path) -> set[tuple[float, float]]:
    return {(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
            for p in PdfReader(path).pages}


def parts(texts: list[str]) -> list[tuple[int, int, int]]:
    """(page index from 1, page in part, part total) for every numbered page."""
    found = []
    for index, text in enumerate(texts, start=1):
        match = PAGE_OF.search(text)
        if match:
            found.append((index, int(match[1]), int(match[2])))
    return found


def read_print_list(folder: Path) -> list[dict[str, str]]:
    with (folder / "print-list.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_writes_the_print_set(printed: Path) -> None:
    assert sorted(p.name for p in printed.iterdir()) == [
        "certificates.pdf", "facilitator-packet.pdf", "name-tents.pdf", "participant-packet.pdf",
        "print-list.csv", "print-list.txt", "sign-in-sheet.pdf"]


@pytest.mark.parametrize("packet", ["participant-packet.pdf", "facilitator-packet.pdf"])
def test_duplex_every_handout_starts_on_a_front_page(printed: Path, packet: str) -> None:
    texts = page_texts(printed / packet)
    starts = [index for index, page, _ in parts(texts) if page == 1]
    assert starts and all(index % 2 == 1 for index in starts)
    assert len(texts) % 2 == 0  # whole sheets: the last page is a back


@pytest.mark.parametrize("packet", ["participant-packet.pdf", "facilitator-packet.pdf"])
def test_padding_pages_carry_the_notice_and_no_number(printed: Path, packet: str) -> None:
    texts = page_texts(printed / packet)
    blanks = [t for t in texts if not PAGE_OF.search(t)]
    assert blanks and all(t == NOTICE for t in blanks)
    assert all(NOTICE not in t for t in texts if PAGE_OF.search(t))


def test_each_handout_keeps_its_own_page_numbers(printed: Path) -> None:
    numbered = parts(page_texts(printed / "participant-packet.pdf"))
    runs: list[list[tuple[int, int]]] = []
    for _, page, total in numbered:
        if page == 1:
            runs.append([])
        runs[-1].append((page, total))
    assert len(runs) == len(HANDOUT_TITLES)
    for run in runs:
        assert run == [(n, len(run)) for n in range(1, len(run) + 1)]


def test_participant_packet_in_distribution_order_without_answers(printed: Path) -> None:
    texts = page_texts(printed / "participant-packet.pdf")
    firsts = [texts[index - 1] for index, page, _ in parts(texts) if page == 1]
    assert [next(t for t in HANDOUT_TITLES if text.startswith(t)) for text in firsts] == \
        HANDOUT_TITLES
    text = pdf_text(printed / "participant-packet.pdf")
    assert "Facilitator note:" not in text and "Answer:" not in text


def test_facilitator_packet_has_the_guide_then_handouts_with_answers(printed: Path) -> None:
    texts = page_texts(printed / "facilitator-packet.pdf")
    assert texts[0].startswith("Module 4: Internal Customer Service Facilitator Guide")
    handout_pages = " ".join(t for t in texts if "Discussion Questions Facilitator copy" in t)
    assert "Facilitator note:" in handout_pages and "Answer:" in handout_pages
    assert len([p for _, p, _ in parts(texts) if p == 1]) == 1 + len(HANDOUT_TITLES)


def test_simplex_has_no_padding(simplex_a4: Path) -> None:
    texts = page_texts(simplex_a4 / "participant-packet.pdf")
    assert all(NOTICE not in t for t in texts)
    assert len(texts) == len(parts(texts))


@pytest.mark.parametrize("fixture, size", [("printed", LETTER), ("simplex_a4", A4)])
def test_every_page_is_exactly_the_paper_size(fixture: str, size: tuple[float, float],
                                              request: pytest.FixtureRequest) -> None:
    folder: Path = request.getfixturevalue(fixture)
    for pdf in folder.glob("*.pdf"):
        assert page_sizes(pdf) == {size}, pdf.name
        assert PdfReader(pdf).pages[0].get("/Rotate", 0) == 0


@pytest.mark.parametrize("fixture", ["printed", "simplex_a4"])
def test_print_list_matches_the_pdfs(fixture: str, request: pytest.FixtureRequest) -> None:
    folder: Path = request.getfixturevalue(fixture)
    rows = [r for r in read_print_list(folder) if r["file"]]
    assert {r["file"] for r in rows} == {p.name for p in folder.glob("*.pdf")}
    for row in rows:
        pages = len(PdfReader(folder / row["file"]).pages)
        duplex = row["sides"] == "duplex"
        assert int(row["pages"]) == pages
        assert int(row["sheets per copy"]) == (math.ceil(pages / 2) if duplex else pages)
        assert int(row["total sheets"]) == int(row["sheets per copy"]) * int(row["copies"])
    text = (folder / "print-list.txt").read_text(encoding="utf-8")
    totals = {}
    for row in rows:
        totals[row["paper"]] = totals.get(row["paper"], 0) + int(row["total sheets"])
    for paper, sheets in totals.items():
        assert f"Total: {sheets} sheets of {paper}\n" in text


def test_print_list_rows(printed: Path) -> None:
    rows = {r["file"]: r for r in read_print_list(printed)}
    packet = rows["participant-packet.pdf"]
    assert (packet["copies"], packet["sides"], packet["paper"]) == ("24", "duplex", "letter")
    assert rows["facilitator-packet.pdf"]["copies"] == "1"
    assert rows["sign-in-sheet.pdf"]["sides"] == "simplex"
    assert rows["certificates.pdf"]["paper"] == "letter cardstock"
    assert rows["name-tents.pdf"]["pages"] == str(len(NAMES))


def test_every_roster_name_is_on_the_sign_in_sheet(printed: Path) -> None:
    text = pdf_text(printed / "sign-in-sheet.pdf")
    for name in NAMES:
        assert name in text
    # 24 participants: the 10 names, then blank numbered rows up to 24.
    assert re.search(r"\b24\b", text) and not re.search(r"\b25\b", text)


def test_every_roster_name_has_exactly_one_certificate(printed: Path) -> None:
    pages = page_texts(printed / "certificates.pdf")
    assert len(pages) == len(NAMES)
    for name in NAMES:
        assert sum(name in page for page in pages) == 1, name
    first = pages[0]
    for expected in ("MAPLE VALLEY SCHOOL DISTRICT", "Module 4: Internal Customer Service",
                     "Caring Customer Service in Schools", "December 3, 2026",
                     "20 minutes of professional development", "Dr. Renée Okafor",
                     "Director of Professional Learning"):
        assert expected in first


def test_name_tents_show_the_name_on_both_halves(printed: Path) -> None:
    pages = page_texts(printed / "name-tents.pdf")
    assert len(pages) == len(NAMES)
    for name, page in zip(NAMES, pages, strict=True):
        assert page.count(name) == 2


def test_sign_in_without_roster_has_blank_rows(simplex_a4: Path) -> None:
    text = pdf_text(simplex_a4 / "sign-in-sheet.pdf")
    assert "Signature" in text and re.search(r"\b24\b", text)
    assert not (simplex_a4 / "certificates.pdf").exists()
    assert not (simplex_a4 / "name-tents.pdf").exists()


def test_paper_from_handouts_yaml(series: Path) -> None:
    config = series / "handouts.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("paper: letter", "paper: a4"),
                      encoding="utf-8")
    folder = print_set(series, "--participants", "3")
    assert page_sizes(folder / "participant-packet.pdf") == {A4}
    assert read_print_list(folder)[0]["paper"] == "a4"


def _footer_x(path: Path) -> list[float]:
    """Where 'Page X of' starts on each page, from the left edge."""
    positions = []
    for page in PdfReader(path).pages:
        found: list[float] = []

        def visit(text: str, cm: object, tm: list[float], *_: object,
                  found: list[float] = found) -> None:
            if text.startswith("Page "):
                found.append(round(tm[4], 1))

        page.extract_text(visitor_text=visit)
        positions.append(found[0] if found else -1.0)
    return positions


def test_punch_puts_the_gutter_on_the_inside_edge(series: Path) -> None:
    folder = print_set(series, "--participants", "2", "--punch")
    positions = _footer_x(folder / "participant-packet.pdf")
    texts = page_texts(folder / "participant-packet.pdf")
    for index, (x, text) in enumerate(zip(positions, texts, strict=True), start=1):
        if NOTICE in text:
            continue
        assert x == (81.0 if index % 2 else 54.0)  # 3/4-inch margin + 3/8-inch gutter


def test_grayscale_uses_no_colour(series: Path) -> None:
    folder = print_set(series, "--grayscale", "--roster", str(ROSTER))
    colour = re.compile(rb"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b")
    for pdf in folder.glob("*.pdf"):
        for page in PdfReader(pdf).pages:
            for match in colour.finditer(page.get_contents().get_data()):
                red, green, blue = (float(v) for v in match.groups())
                assert red == green == blue, (pdf.name, match[0])



def test_grayscale_drops_every_filled_box(series: Path) -> None:
    """Chart heading rows and background tints print white: no toner on filled boxes."""
    folder = print_set(series, "--grayscale", "--participants", "2")
    filled_box = re.compile(rb"([\d.]+) [\d.]+ [\d.]+ rg\s+(?:n\s+)?(?:[\d.-]+ ){4}re f")
    boxes = 0
    for page in PdfReader(folder / "participant-packet.pdf").pages:
        for match in filled_box.finditer(page.get_contents().get_data()):
            boxes += 1
            assert float(match[1]) == 1.0, match[0]
    assert boxes >= 8  # the chart heading rows and stripes are there, and white


def test_materials_with_quantities(series: Path) -> None:
    module = series / "content" / "modules" / "module4.yaml"
    text = module.read_text(encoding="utf-8").replace(
        "  - reflection-form\n",
        "  - reflection-form\n  - item: Pens\n    quantity: 1\n    per: participant\n"
        "  - {item: Chart paper and markers, quantity: 1, per: table}\n"
        "  - {item: Timer, quantity: 1}\n  - Door sign\n", 1)
    module.write_text(text, encoding="utf-8")
    folder = print_set(series, "--participants", "25")
    materials = [(r["item"], r["quantity"], r["notes"]) for r in read_print_list(folder)
                 if not r["file"]]
    assert materials == [
        ("Pens", "25", "1 per participant"),
        ("Chart paper and markers", "5", "1 per table; 5 tables of up to 6"),
        ("Timer", "1", "1 per session"),
        ("Door sign", "", "no quantity in module4.yaml"),
    ]
    listing = (folder / "print-list.txt").read_text(encoding="utf-8")
    assert "- 25 × Pens (1 per participant)" in listing
    guide = pdf_text(folder / "facilitator-packet.pdf")
    assert "Pens (1 per participant)" in guide and "Door sign" in guide


def test_all_prints_every_module_and_a_series_list(series: Path) -> None:
    # A second module, so that the series list has more than one; the series may have more.
    modules = series / "content" / "modules"
    (modules / "module9.yaml").write_text(
        (modules / "module4.yaml").read_text("utf-8").replace("number: 4", "number: 9", 1)
        .replace("title: Internal Customer Service", "title: A Second Module", 1), "utf-8")
    config = yaml.safe_load((series / "handouts.yaml").read_text("utf-8"))
    module_ids = [*(config.get("modules") or []), "module9"]
    config["modules"] = module_ids
    (series / "handouts.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    run_cli("print", "--all", "--participants", "24", "--roster", str(ROSTER), "--project",
            str(series))
    output = series / "output"
    for module_id in module_ids:
        assert (output / module_id / "print" / "participant-packet.pdf").is_file()
    with (output / "print-list.csv").open(encoding="utf-8", newline="") as stream:
        rows = [r for r in csv.DictReader(stream) if r["file"]]
    assert list(dict.fromkeys(r["module"] for r in rows)) == [*module_ids, "series"]
    for row in rows:
        if row["module"] != "series":
            assert row["file"].startswith(f"{row['module']}/print/")
        assert int(row["pages"]) == len(PdfReader(output / row["file"]).pages)
    listing = (output / "print-list.txt").read_text("utf-8")
    for paper in ("letter", "letter cardstock"):
        total = sum(int(r["total sheets"]) for r in rows if r["paper"] == paper)
        assert f"Total: {total} sheets of {paper}\n" in listing
    # The series certificate: every name once, with the minutes of every module added up.
    pages = page_texts(output / "series-certificates.pdf")
    assert all(sum(name in page for page in pages) == 1 for name in NAMES)
    minutes = sum(yaml.safe_load((modules / f"{mid}.yaml").read_text("utf-8"))["minutes"]
                  for mid in module_ids)
    assert pd_sentence(minutes) in pages[0]
    assert f"a professional learning series of {len(module_ids)} modules" in pages[0]
    assert "Module 9: A Second Module" in pdf_text(output / "module9" / "print" /
                                                   "facilitator-packet.pdf")


def test_reprint_without_roster_removes_stale_certificates(series: Path) -> None:
    folder = print_set(series, "--participants", "12", "--roster", str(ROSTER))
    assert (folder / "certificates.pdf").is_file()
    print_set(series, "--participants", "12")
    assert not (folder / "certificates.pdf").exists()
    assert not (folder / "name-tents.pdf").exists()


def test_same_input_gives_the_same_bytes(printed: Path, tmp_path: Path) -> None:
    again = print_set(copy_series(tmp_path / "again"), "--participants", "24", "--roster",
                      str(ROSTER), "--date", "2026-12-03")
    for path in printed.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_roster_path_with_spaces_and_bom_free(series: Path, tmp_path: Path) -> None:
    roster = tmp_path / "my roster.csv"
    shutil.copy(ROSTER, roster)
    roster.write_bytes(roster.read_bytes().removeprefix(b"\xef\xbb\xbf"))
    folder = print_set(series, "--roster", str(roster))  # participants: the roster's count
    assert read_print_list(folder)[0]["copies"] == str(len(NAMES))


def test_a_handout_ending_in_a_page_break_gets_no_empty_numbered_page(series: Path) -> None:
    for handout in ("who-are-our-internal-customers", "reflection-form"):
        path = series / "content" / "handouts" / f"{handout}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "  - page-break\n", encoding="utf-8")
    texts = page_texts(print_set(series, "--participants", "2") / "participant-packet.pdf")
    numbered = parts(texts)
    assert [(page, total) for _, page, total in numbered] == [(1, 1), (1, 2), (2, 2), (1, 2),
                                                               (2, 2)]
    assert [index for index, page, _ in numbered if page == 1] == [1, 3, 5]
    assert len(texts) == 6 and texts[1] == NOTICE


def test_bad_material_quantities_are_located(series: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    module = series / "content" / "modules" / "module4.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "  - reflection-form\n",
        "  - reflection-form\n  - item: Pens\n    quantity: lots\n    per: room\n"
        "  - {quantity: 2}\n", 1), encoding="utf-8")
    monkeypatch.chdir(series)
    result = run_cli("print", "module4", "--participants", "3", expect_ok=False)
    assert result.stderr.splitlines() == [
        "content/modules/module4.yaml:15:15: materials[3].quantity: expected a whole number,"
        " got 'lots'",
        "content/modules/module4.yaml:16:10: materials[3].per: expected one of 'participant',"
        " 'table' or 'session', got 'room'",
        "content/modules/module4.yaml:17:5: materials[4].item: required field is missing",
        "Aborted: 3 errors in content; nothing was written.",
    ]
    assert not (series / "output").exists()


def test_schema_knows_material_quantities() -> None:
    import jsonschema

    schema = json.loads(run_cli("schema", "module").stdout)
    module = yaml.safe_load((REPO / "content" / "modules" / "module4.yaml").read_text("utf-8"))
    module["materials"] += ["Chart paper", {"item": "Pens", "quantity": 1, "per": "table"}]
    jsonschema.validate(module, schema)
    module["materials"].append({"item": "Pens", "per": "room"})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(module, schema)


def test_fonts_are_embedded_helvetica_only_beside_form_fields(printed: Path) -> None:
    for pdf in printed.glob("*.pdf"):
        unembedded = {name for name, embedded in fonts(pdf).items() if not embedded}
        allowed = {"/Helvetica"} if field_names(pdf) else set()
        assert unembedded <= allowed, pdf.name


def test_metadata(printed: Path) -> None:
    for pdf in printed.glob("*.pdf"):
        meta = PdfReader(pdf).metadata
        assert meta is not None and meta.author == "Maple Valley School District", pdf.name
        assert meta.title and "Module 4: Internal Customer Service" in meta.title


def test_command_says_what_it_wrote_and_how_much_paper(series: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(series)
    lines = run_cli("print", "module4", "--roster", str(ROSTER)).stdout.splitlines()
    folder = Path("output/module4/print")
    assert lines[:-1] == [f"wrote {folder / name}" for name in (
        "participant-packet.pdf", "facilitator-packet.pdf", "sign-in-sheet.pdf",
        "name-tents.pdf", "certificates.pdf", "print-list.csv", "print-list.txt")]
    rows = read_print_list(series / folder)
    letter = sum(int(r["total sheets"]) for r in rows if r["paper"] == "letter")
    assert lines[-1] == (f"To print: {letter} sheets of letter, 20 sheets of letter cardstock."
                         f" What to print, and how: {folder / 'print-list.txt'}")


def test_print_dialog_hints(printed: Path, simplex_a4: Path) -> None:
    def hints(path: Path) -> tuple[str, str]:
        preferences = PdfReader(path).trailer["/Root"]["/ViewerPreferences"]
        return str(preferences["/PrintScaling"]), str(preferences["/Duplex"])

    assert hints(printed / "participant-packet.pdf") == ("/None", "/DuplexFlipLongEdge")
    assert hints(simplex_a4 / "participant-packet.pdf") == ("/None", "/Simplex")
    for name in ("sign-in-sheet.pdf", "name-tents.pdf", "certificates.pdf"):
        assert hints(printed / name) == ("/None", "/Simplex")


def test_brand_logo_and_footer_on_the_print_set(printed: Path) -> None:
    config = yaml.safe_load((REPO / "handouts.yaml").read_text("utf-8"))
    brand = config.get("brand") or {}
    if not brand.get("footer"):
        pytest.skip("the example series has no brand footer")
    for name in ("participant-packet.pdf", "facilitator-packet.pdf", "sign-in-sheet.pdf"):
        pages = [t for t in page_texts(printed / name) if t != NOTICE]
        assert all(brand["footer"] in page for page in pages), name


def test_certificates_carry_the_logo(printed: Path, series: Path) -> None:
    config = series / "handouts.yaml"
    text = config.read_text("utf-8")
    if "  logo:" not in text:
        pytest.skip("the example series has no logo")
    config.write_text("\n".join(line for line in text.splitlines()
                                if not line.startswith(("  logo:", "  logo-alt:"))) + "\n", "utf-8")
    plain = print_set(series, "--roster", str(ROSTER), "--date", "2026-12-03")

    def drawing(folder: Path) -> int:
        return len(PdfReader(folder / "certificates.pdf").pages[0].get_contents().get_data())

    assert drawing(printed) > drawing(plain) + 500  # the logo's shapes


@pytest.mark.parametrize("packet, parts_expected", [
    ("participant-packet.pdf", HANDOUT_TITLES),
    ("facilitator-packet.pdf", ["Facilitator Guide", *HANDOUT_TITLES]),
])
def test_top_level_bookmarks_are_the_parts_on_front_pages(printed: Path, packet: str,
                                                          parts_expected: list[str]) -> None:
    reader = PdfReader(printed / packet)
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [str(item.title) for item in top] == parts_expected
    assert all(reader.get_destination_page_number(item) % 2 == 0 for item in top)  # 0-based
    nested = [str(item.title) for group in reader.outline if isinstance(group, list)
              for item in group if not isinstance(item, list)]
    assert "Who has a direct impact on me?" in nested
    assert ("Agenda" in nested) == packet.startswith("facilitator")
