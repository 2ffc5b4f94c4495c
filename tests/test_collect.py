"""handouts collect: filled PDFs and saved answers into responses.csv and evaluation.pdf."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from cs_handouts.collect.form import describe_form
from cs_handouts.content.load import load_series
from cs_handouts.project import find_project
from tests.conftest import REPO, copy_series, run_cli
from tests.pdftext import normalize, pdf_text

FORM = "reflection-form"


def fill(blank: Path, target: Path, values: dict[str, str]) -> None:
    """Fill a built PDF's form fields as a PDF viewer would save them."""
    writer = PdfWriter(clone_from=blank)
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.write(target)


def save(target: Path, form: str, language: str, fields: dict[str, str]) -> None:
    target.write_text(json.dumps({"form": form, "language": language, "fields": fields}),
                      encoding="utf-8")


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")  # a BOM, so that spreadsheets read UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    root = copy_series(tmp_path_factory.mktemp("collect") / "series")
    run_cli("build", "module4", "--project", str(root))
    blank = root / "output" / "module4" / f"{FORM}.pdf"
    answers = root.parent / "answers"
    answers.mkdir()
    fill(blank, answers / "anna.pdf", {
        f"{FORM}.scale1.s1": "/5", f"{FORM}.scale1.s2": "/4",
        f"{FORM}.q1": "Listening first", f"{FORM}.q4": "=HYPERLINK(\"http://x\")",
        f"{FORM}.info.school-or-department": "Lincoln Elementary"})
    fill(blank, answers / "ben.pdf", {f"{FORM}.scale1.s1": "/3", f"{FORM}.q1": "Closing the loop"})
    # The Spanish edition's saved answers: the same field names, in another language.
    save(answers / "carla.json", FORM, "es", {
        f"{FORM}.scale1.s1": "4", f"{FORM}.scale1.s2": "", f"{FORM}.q1": "Escuchar con intención",
        f"{FORM}.info.name--optional": "Carla"})
    fill(blank, answers / "empty.pdf", {})
    (answers / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endo")
    (answers / "truncated.json").write_text('{"form": "reflection-', encoding="utf-8")
    save(answers / "foreign.json", "someone-elses-form", "en", {"x": "1"})
    shutil.copy(root / "output" / "module4" / "who-are-our-internal-customers.pdf",
                answers / "worksheet.pdf")
    (answers / "notes.txt").write_text("bring chart paper", encoding="utf-8")
    secret = root.parent / "secret.json"
    save(secret, FORM, "en", {f"{FORM}.q1": "read from outside the folder"})
    (answers / "outside.json").symlink_to(secret)
    (answers / "sub").mkdir()
    save(answers / "sub" / "deeper.json", FORM, "en", {f"{FORM}.q1": "from a subfolder"})
    result = run_cli("collect", "module4", str(answers), "--project", str(root))
    return root / "output" / "module4", result


def test_the_form_description_names_every_field_of_the_built_pdf(built_series: Path) -> None:
    series = load_series(find_project(built_series))
    loaded = series.module("module4")
    form = describe_form(loaded.handouts[FORM], FORM)
    pdf = built_series / "output" / "module4" / f"{FORM}.pdf"
    assert form.names == list(PdfReader(pdf).get_fields() or {})


def test_choices_and_checklists_are_named_as_in_the_pdf(tmp_path: Path) -> None:
    root = tmp_path / "reference"
    shutil.copytree(REPO / "examples" / "reference", root)
    run_cli("build", "real-handouts", "--project", str(root))
    loaded = load_series(find_project(root)).module("real-handouts")
    for handout_id in ("workshop-survey", "fidelity-checklist"):
        form = describe_form(loaded.handouts[handout_id], handout_id)
        fields = PdfReader(root / "output" / "real-handouts" / f"{handout_id}.pdf").get_fields()
        assert set(form.names) == set(fields or {}), handout_id


def test_every_usable_response_becomes_a_row(collected: tuple[Path, object]) -> None:
    output, _ = collected
    rows = read_csv(output / "responses.csv")
    assert [row["file"] for row in rows] == ["anna.pdf", "ben.pdf", "carla.json"]
    header = list(rows[0])
    assert header[:3] == ["file", "form", "language"]
    assert header[3:] == [f"{FORM}.info.name--optional", f"{FORM}.info.school-or-department",
                          f"{FORM}.info.date", *(f"{FORM}.scale1.s{n}" for n in range(1, 6)),
                          *(f"{FORM}.q{n}" for n in range(1, 5))]
    anna, ben, carla = rows
    assert anna[f"{FORM}.scale1.s1"] == "5" and anna[f"{FORM}.scale1.s2"] == "4"
    assert anna[f"{FORM}.info.school-or-department"] == "Lincoln Elementary"
    assert anna[f"{FORM}.q4"] == "'=HYPERLINK(\"http://x\")"  # inert in a spreadsheet
    assert ben[f"{FORM}.scale1.s1"] == "3" and ben[f"{FORM}.scale1.s2"] == ""
    assert carla["language"] == "es" and carla[f"{FORM}.q1"] == "Escuchar con intención"
    assert carla[f"{FORM}.scale1.s1"] == "4"


def test_unusable_files_are_named_and_skipped_and_nothing_outside_is_read(
        collected: tuple[Path, object]) -> None:
    output, result = collected
    errors = result.stderr  # type: ignore[attr-defined]
    for name, why in [("empty.pdf", "no answers filled in"),
                      ("broken.pdf", "a damaged PDF that cannot be read"),
                      ("truncated.json", "not valid JSON"),
                      ("foreign.json", "not a form of this module"),
                      ("worksheet.pdf", "not a form of this module"),
                      ("notes.txt", "not a PDF or a JSON file"),
                      ("outside.json", "outside the folder")]:
        line = next((line for line in errors.splitlines() if line.startswith(f"skipped {name}: ")), "")
        assert why in line, (name, errors)
    assert "Collected 3 responses; 7 files skipped." in result.stdout  # type: ignore[attr-defined]
    text = (output / "responses.csv").read_text(encoding="utf-8-sig")
    assert "outside the folder" not in text and "from a subfolder" not in text


def test_the_evaluation_counts_charts_and_lists(collected: tuple[Path, object]) -> None:
    output, _ = collected
    text = normalize(pdf_text(output / "evaluation.pdf"))
    assert "Evaluation: Reflection" in text and "3 responses" in text
    # The first statement: 5, 3 and 4 -> one each of Not sure, Agree, Strongly agree; mean 4.
    first = text.split("The goals of this module were clear to me.")[1].split("The activities")[0]
    assert "1 Strongly disagree 0 2 Disagree 0 3 Not sure 1 4 Agree 1 5 Strongly agree 1" in first
    assert "3 answered, mean 4.00" in first
    second = text.split("The activities helped me think about my own work.")[1]
    assert "1 answered, mean 4.00; 2 left blank" in second
    takeaway = text.split("What is the most important idea")[1].split("What is one thing")[0]
    for answer in ("Listening first", "Closing the loop", "Escuchar con intención"):
        assert answer in takeaway
    assert "=HYPERLINK" in text.split("How could this module be improved?")[1]
    assert "Files not read" in text and "worksheet.pdf" in text
    assert "Carla" not in text  # names stay in the CSV, out of the report


def test_choice_counts_from_saved_answers(tmp_path: Path) -> None:
    root = tmp_path / "reference"
    shutil.copytree(REPO / "examples" / "reference", root)
    answers = tmp_path / "answers"
    answers.mkdir()
    survey = "workshop-survey"
    save(answers / "a.json", survey, "en", {f"{survey}.q1": "yes", f"{survey}.q2.the-policy": "Yes",
                                             f"{survey}.q2.the-matrix": "Off", f"{survey}.q3": "other",
                                             f"{survey}.q3.other-text": "A flyer",
                                             f"{survey}.scale1.s1": "9"})
    save(answers / "b.json", survey, "en", {f"{survey}.q1": "no", f"{survey}.q2.the-policy": "Yes",
                                             f"{survey}.q2.the-schedule": "Yes", f"{survey}.q3": "e-mail",
                                             f"{survey}.scale1.s1": "10"})
    save(answers / "c.json", survey, "en", {f"{survey}.q1": "yes"})
    run_cli("collect", "real-handouts", str(answers), "--project", str(root))
    text = normalize(pdf_text(root / "output" / "real-handouts" / "evaluation.pdf"))
    expectations = text.split("Did the workshop meet your expectations?")[1]
    assert expectations.startswith(" Yes 2 No 1 3 answered")
    parts = text.split("Which parts will you use?")[1]
    assert parts.startswith(" The matrix 0 The policy 2 The schedule 1 2 answered; 1 left blank")
    heard = text.split("How did you hear about it?")[1]
    assert heard.startswith(" Colleague 0 E-mail 1 Website 0 Other 1 2 answered; 1 left blank")
    assert "A flyer" in text
    recommend = text.split("I would recommend it.")[1]
    assert "2 answered, mean 9.50; 1 left blank" in recommend


def test_a_module_without_forms_or_a_missing_folder_is_an_error(series: Path) -> None:
    result = run_cli("collect", "module4", str(series / "nowhere"), "--project", str(series),
                     expect_ok=False)
    assert result.exit_code == 1 and "not a folder of filled forms" in result.stderr
    assert not (series / "output" / "module4" / "responses.csv").exists()


def test_collect_writes_through_the_output_gate(series: Path, tmp_path: Path) -> None:
    """A linked output/ or output/module4 leading out of the series receives nothing."""
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "one.json").write_text('{"form": "reflection-form", "fields": {}}', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (series / "output").mkdir(exist_ok=True)
    (series / "output" / "module4").symlink_to(elsewhere)
    result = run_cli("collect", "module4", str(answers), "--project", str(series), expect_ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert list(elsewhere.iterdir()) == []
    (series / "output" / "module4").unlink()
    (series / "output").rmdir()
    (series / "output").symlink_to(elsewhere)
    result = run_cli("collect", "module4", str(answers), "--project", str(series), expect_ok=False)
    assert result.exit_code == 1 and "leads outside the series" in result.stderr
    assert list(elsewhere.iterdir()) == []
