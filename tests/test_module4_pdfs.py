"""Module 4, built by the real command: what the PDFs say, hold and promise."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from cs_handouts.text.typography import smart_quotes
from tests.conftest import DATA, REPO, copy_series, run_cli, snapshot
from tests.pdftext import field_names, fonts, normalize, outline_titles, page_texts, pdf_text

HANDOUTS = [
    "who-are-our-internal-customers",
    "internal-customer-service-discussion-questions",
    "reflection-form",
]
EXPECTED_PAGES = {
    "facilitator-guide.pdf": 3,  # the script in 12 pt, to read standing
    "who-are-our-internal-customers.pdf": 1,
    "internal-customer-service-discussion-questions.pdf": 2,
    "reflection-form.pdf": 2,  # four lines for each open question: a two-sided form
    "participant-packet.pdf": 5,
}
FACILITATOR_ONLY = {"note", "answer"}
NOT_TEXT = {"kind", "distribute", "id"}  # ids and enums, shown as titles or not at all


def strings(value: Any, key: str = "") -> list[str]:
    """Every text value in parsed YAML, leaving out ids and enums."""
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in NOT_TEXT for s in strings(v, k)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item, key)]
    if isinstance(value, str):
        return [value]
    return []


def readable(text: str) -> str:
    """A YAML string as it reads on the page: markup gone, quotes curled, white space collapsed."""
    return normalize(re.sub(r"\*\*?", "", smart_quotes(text)))


def yaml_of(relative: str) -> Any:
    return yaml.safe_load((REPO / relative).read_text(encoding="utf-8"))


def test_the_build_prints_each_file_with_its_page_count(tmp_path: Path) -> None:
    root = copy_series(tmp_path / "series")
    result = run_cli("build", "module4", "--project", str(root))
    for name, pages in EXPECTED_PAGES.items():
        noun = "page" if pages == 1 else "pages"
        assert f"module4/{name} ({pages} {noun})" in result.stdout


@pytest.mark.parametrize(("name", "pages"), EXPECTED_PAGES.items())
def test_page_counts_and_page_x_of_y(module4_output: Path, name: str, pages: int) -> None:
    texts = page_texts(module4_output / name)
    assert len(texts) == pages
    if name != "participant-packet.pdf":
        for number, text in enumerate(texts, start=1):
            assert f"Page {number} of {pages}" in text


def test_packet_numbers_each_handout_on_its_own(module4_output: Path) -> None:
    texts = page_texts(module4_output / "participant-packet.pdf")
    expected = ["Page 1 of 1", "Page 1 of 2", "Page 2 of 2", "Page 1 of 2", "Page 2 of 2"]
    assert [re.search(r"Page \d+ of \d+", t).group(0) for t in texts] == expected  # type: ignore[union-attr]


def test_packet_holds_the_handouts_in_distribution_order(module4_output: Path) -> None:
    texts = page_texts(module4_output / "participant-packet.pdf")
    assert "Who Are Our Internal Customers" in texts[0]
    assert "Internal Customer Service Discussion Questions" in texts[1]
    assert "Reflection" in texts[3] and "How much do you agree" in texts[3]


def test_every_module_string_is_in_the_guide(module4_output: Path) -> None:
    guide = pdf_text(module4_output / "facilitator-guide.pdf")
    module = yaml_of("content/modules/module4.yaml")
    texts = [s for s in strings(module) if s not in HANDOUTS]
    assert len(texts) > 15
    missing = [s for s in texts if readable(s) not in guide]
    assert not missing
    # Handout ids are shown by their titles: in materials and in each distribute step.
    assert "Who Are Our Internal Customers worksheet" in guide
    assert "Internal Customer Service Discussion Questions worksheet" in guide
    assert "Reflection form" in guide
    assert "Distribute the Who Are Our Internal Customers handout." in guide


@pytest.mark.parametrize("handout", HANDOUTS)
def test_every_handout_string_is_in_its_pdf_and_the_packet(module4_output: Path, handout: str) -> None:
    data = yaml_of(f"content/handouts/{handout}.yaml")
    participant = [s for s in strings(data) if "{{" not in s and not _facilitator_only(data, s)]
    single = pdf_text(module4_output / f"{handout}.pdf")
    packet = pdf_text(module4_output / "participant-packet.pdf")
    for text in participant:
        assert readable(text) in single, text
        assert readable(text) in packet, text


def test_variables_are_filled_in(module4_output: Path) -> None:
    form = pdf_text(module4_output / "reflection-form.pdf")
    assert "Module 4: Internal Customer Service" in form
    assert ("help the Maple Valley Office of Professional Learning improve this series for"
            " every school in Maple Valley School District.") in form
    assert "{{" not in form


def test_facilitator_notes_are_in_the_guide_only(module4_output: Path) -> None:
    data = yaml_of("content/handouts/internal-customer-service-discussion-questions.yaml")
    notes = [readable(q[k]) for q in data["blocks"][0]["questions"] for k in FACILITATOR_ONLY
             if k in q]
    assert len(notes) == 3
    guide = pdf_text(module4_output / "facilitator-guide.pdf")
    participant = pdf_text(module4_output / "internal-customer-service-discussion-questions.pdf")
    packet = pdf_text(module4_output / "participant-packet.pdf")
    for note in notes:
        assert note in guide
        assert note not in participant and note not in packet


def test_every_sentence_of_the_seed_is_in_the_guide(module4_output: Path) -> None:
    guide = pdf_text(module4_output / "facilitator-guide.pdf")
    seed = (DATA / "seeds" / "module4-internal-customer-service.txt").read_text(encoding="utf-8")
    sentences = [s.strip().rstrip(":") for line in seed.splitlines()
                 for s in re.split(r"(?<=[.!?])\s+", line) if s.strip()]
    assert len(sentences) > 25
    missing = [s for s in sentences if normalize(s) not in guide]
    assert not missing


@pytest.mark.parametrize("name", EXPECTED_PAGES)
def test_metadata(module4_output: Path, name: str) -> None:
    reader = PdfReader(module4_output / name)
    meta = reader.metadata
    assert meta is not None
    assert meta.author == "Maple Valley School District"
    assert meta.subject and meta.subject.startswith("Caring Customer Service in Schools: Module 4")
    assert meta.title and "Module 4: Internal Customer Service" in meta.title
    assert meta.creator and meta.creator.startswith("handouts ")
    assert reader.trailer["/Root"]["/Lang"] == "en-US"


@pytest.mark.parametrize("name", EXPECTED_PAGES)
def test_fonts_are_embedded_except_the_form_fields_helvetica(module4_output: Path, name: str) -> None:
    used = fonts(module4_output / name)
    assert any("NotoSans" in font and embedded for font, embedded in used.items())
    not_embedded = {font for font, embedded in used.items() if not embedded}
    assert not_embedded <= {"/Helvetica"}
    if not_embedded:
        assert field_names(module4_output / name), "Helvetica is allowed only for form fields"


def test_bookmarks_of_the_guide(module4_output: Path) -> None:
    assert outline_titles(module4_output / "facilitator-guide.pdf") == [
        "Module 4: Internal Customer Service",
        "Materials Needed",
        "Agenda",
        "Suggested Facilitator Script",
        "Activity 1: Who Are Our Internal Customers",
        "Activity 2: Internal Customer Service Discussion Questions",
        "Conclusion and Reflection",
    ]


def test_bookmarks_of_the_packet(module4_output: Path) -> None:
    titles = outline_titles(module4_output / "participant-packet.pdf")
    assert titles[0] == "Who Are Our Internal Customers"
    assert "Who has a direct impact on me?" in titles
    assert "Internal Customer Service Discussion Questions" in titles
    assert "Reflection" in titles


def test_form_fields_of_the_worksheet(module4_output: Path) -> None:
    names = field_names(module4_output / "who-are-our-internal-customers.pdf")
    prefix = "who-are-our-internal-customers"
    expected = {f"{prefix}.info.{n}" for n in ("name", "school-or-department", "date")}
    expected |= {f"{prefix}.chart{c}.r{r}c{k}" for c in (1, 2) for r in range(1, 6) for k in (1, 2)}
    expected |= {f"{prefix}.lines1"}
    assert names == expected


def test_form_fields_of_the_discussion_questions(module4_output: Path) -> None:
    names = field_names(module4_output / "internal-customer-service-discussion-questions.pdf")
    prefix = "internal-customer-service-discussion-questions"
    assert {n for n in names if ".q" in n} == {f"{prefix}.q{i}" for i in range(1, 9)}
    assert len(names) == 3 + 8


def test_form_fields_of_the_reflection_form(module4_output: Path) -> None:
    reader = PdfReader(module4_output / "reflection-form.pdf")
    fields = reader.get_fields() or {}
    groups = {n for n in fields if ".scale1." in n}
    assert groups == {f"reflection-form.scale1.s{i}" for i in range(1, 6)}
    widgets = [a.get_object() for a in reader.pages[0]["/Annots"]]
    radios = [w for w in widgets if w.get("/Parent") and
              str(w["/Parent"].get_object()["/T"]).startswith("reflection-form.scale1.")]
    assert len(radios) == 5 * 5  # five statements, five points each
    assert {f"reflection-form.q{i}" for i in range(1, 5)} <= set(fields)


def test_packet_carries_every_handout_field(module4_output: Path) -> None:
    union = set().union(*(field_names(module4_output / f"{h}.pdf") for h in HANDOUTS))
    assert field_names(module4_output / "participant-packet.pdf") == union


def test_guide_materials_checklist_has_checkboxes(module4_output: Path) -> None:
    names = field_names(module4_output / "facilitator-guide.pdf")
    assert names == {"guide.materials.i1", "guide.materials.i2", "guide.materials.i3"}


def test_rebuild_is_byte_identical(tmp_path: Path, module4_output: Path) -> None:
    root = copy_series(tmp_path / "elsewhere")
    run_cli("build", "module4", "--project", str(root))
    first = snapshot(root / "output" / "module4")
    run_cli("build", "module4", "--project", str(root))
    second = snapshot(root / "output" / "module4")
    assert first == second
    # ... and identical to a build of the same content in another folder.
    assert first == snapshot(module4_output)


def test_letter_paper_by_default(module4_output: Path) -> None:
    page = PdfReader(module4_output / "facilitator-guide.pdf").pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)


def test_a4_by_setting(series: Path) -> None:
    config = series / "handouts.yaml"
    config.write_text(config.read_text().replace("paper: letter", "paper: a4"))
    run_cli("build", "module4", "--project", str(series))
    page = PdfReader(series / "output" / "module4" / "reflection-form.pdf").pages[0]
    assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == (
        595.28, 841.89)


def _facilitator_only(data: Any, text: str) -> bool:
    for block in data["blocks"]:
        for question in block.get("questions", []):
            if isinstance(question, dict) and text in (question.get("note"), question.get("answer")):
                return True
    return False
