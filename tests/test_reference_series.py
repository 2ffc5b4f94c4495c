"""The examples/reference series uses every construct of the format; built and read back here."""

from __future__ import annotations

import email
import email.policy
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

from cs_handouts.content.model import Module
from cs_handouts.content.yamlsource import read_yaml
from tests.browser import Browser, find_axe
from tests.conftest import REPO, run_cli
from tests.pdftext import field_names, pdf_text
from tests.test_browser import browser  # noqa: F401, F811 - the shared headless chromium
from tests.test_html import outline
from tests.test_schema import typed_yaml

REFERENCE = REPO / "examples" / "reference"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the reference series, built: its module's output folder."""
    root = tmp_path_factory.mktemp("reference") / "reference"
    shutil.copytree(REFERENCE, root, ignore=shutil.ignore_patterns("output"))
    run_cli("build", "--all", "--project", str(root))
    run_cli("build", "data-map", "--variant", "online", "--project", str(root))
    return root / "output" / "data-map"


def link_targets(path: Path) -> list[str]:
    targets = []
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/A" in annotation:
                targets.append(str(annotation["/A"].get("/URI")))
    return targets


def test_links_are_live_and_their_addresses_printed(reference: Path) -> None:
    guide = reference / "facilitator-guide.pdf"
    assert "https://example.org/guides/data-map" in link_targets(guide)
    assert "mailto:team@example.org" in link_targets(guide)
    text = pdf_text(guide)
    assert "the guide’s source (https://example.org/guides/data-map)" in text
    assert "Write to the team (team@example.org)" in text
    assert "mailto:help@example.org" in link_targets(reference / "data-map-worksheet.pdf")


def test_emphasis_prints_without_stray_asterisks(reference: Path) -> None:
    text = pdf_text(reference / "facilitator-guide.pdf")
    assert "using bold italic, Arlington-style emphasis and links" in text
    assert "*" not in text


def test_images_are_drawn_and_tables_keep_their_columns(reference: Path) -> None:
    guide = reference / "facilitator-guide.pdf"
    images = [image for page in PdfReader(guide).pages for image in page.images]
    assert images, "the matrix PNG is in the guide"
    text = pdf_text(guide)
    assert "The sensitivity matrix" in text
    assert "Time Prioritize Practice 00:15-00:20 Review the vision Team discussion" in text
    titles = [item["/Title"] for item in PdfReader(guide).outline if isinstance(item, dict)]
    assert "Activity 1: Mapping the data" in titles


def test_steps_have_structure(reference: Path) -> None:
    guide = reference / "facilitator-guide.pdf"
    text = pdf_text(guide)
    for expected in ("Step 1: Where is our data? 1. Distribute the Data Map Worksheet handout.",
                     "3. If no suggestions come, prompt with:", "Computer hard drives",
                     "Our email inbox – Sent items – Archives",
                     "4. Walk participants through these instructions. a. Each group gets two",
                     "b. Give them 5-10 minutes. (5–10 min) 1. Write one place per note",
                     "5. Co-facilitator says:", "Optional: Step 2: How sensitive is it?",
                     "6. Optional: Show the sensitivity axis.",
                     "7. Repeat steps 3 and 4 with the second colour."):
        assert expected in text
    outline = PdfReader(guide).outline
    flat = [item["/Title"] for item in _walk(outline)]
    assert ["Activity 1: Mapping the data", "Step 1: Where is our data?",
            "Step 2: How sensitive is it?"] == [
        t for t in flat if t.startswith(("Activity 1", "Step"))]
    assert "Key Points" in flat and "Before the Session" in flat and "After the Session" in flat


def _walk(outline: list[object]) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    for item in outline:
        found += _walk(item) if isinstance(item, list) else [item]  # type: ignore[list-item]
    return found


def test_the_agenda_shows_ranges_optional_and_alternative_rows(reference: Path) -> None:
    text = pdf_text(reference / "facilitator-guide.pdf")
    assert "Estimated Time: 30-45 Minutes" in text
    assert "Mapping the data or Mapping on paper 20–30 0–20 min 9:00–9:20" in text
    assert "A tall poster optional (+10 min)" in text
    assert "Settling in untimed" in text
    assert "Total 30–40" in text
    assert "running and clock times follow the lower figure" in text
    assert "25 minutes · Alternative to Mapping the data" in text


def test_sections_before_and_after_the_session(reference: Path) -> None:
    text = pdf_text(reference / "facilitator-guide.pdf")
    for expected in ("Audience: Front-office staff; Teachers", "Level: Introductory",
                     "Prerequisites: Module 0; A laptop or a pen",
                     "We all keep data in more places than we think.",
                     "If time is short, drop the optional activity.",
                     "Sticky notes in two colours (optional)",
                     "Before the Session Tape a large sheet of paper to the wall, landscape.",
                     "To: participants Subject: Where Is Our Data?: what to bring",
                     "After the Session Schedule a meeting with the team lead."):
        assert expected in text
    assert "guide.prepare.i1" in field_names(reference / "facilitator-guide.pdf")


def test_emails_are_eml_files(reference: Path) -> None:
    files = sorted(p.name for p in (reference / "emails").iterdir())
    assert files == ["follow-up-1-thank-you-for-where-is-our-data.eml",
                     "prepare-1-where-is-our-data-what-to-bring.eml"]
    message = email.message_from_bytes((reference / "emails" / files[1]).read_bytes(),
                                       policy=email.policy.default)
    assert message["Subject"] == "Where Is Our Data?: what to bring"
    assert message["To"] == "participants:;"
    assert message["Date"] == "Thu, 04 Mar 2027 09:00:00 -0000"  # the session in handouts.yaml
    body = message.get_content()
    assert 'Our session "Where Is Our Data?" is on' in body and "{{" not in body
    thanks = email.message_from_bytes((reference / "emails" / files[0]).read_bytes(),
                                      policy=email.policy.default)
    assert thanks["To"] == "team-lead@example.org"


def test_the_online_variant_is_an_edition_of_its_own(reference: Path) -> None:
    default = pdf_text(reference / "facilitator-guide.pdf")
    online = pdf_text(reference / "online" / "facilitator-guide.pdf")
    assert "Sticky notes" in default and "Sticky notes in two colours" not in online
    assert "A shared whiteboard link" in online and "A shared whiteboard link" not in default
    assert "Note: In an online training" in online and "Note: In an online training" not in default
    assert "Settling in" in default and "Settling in" not in online
    assert "Print the matrix poster." in default and "Print the matrix poster." not in online


def test_an_unknown_variant_is_a_located_error(tmp_path: Path) -> None:
    root = tmp_path / "reference"
    shutil.copytree(REFERENCE, root, ignore=shutil.ignore_patterns("output"))
    module = root / "content" / "modules" / "data-map.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "    only: in-person\n    list:", "    only: hybrid\n    list:").replace(
        "alternative-to: mapping", "alternative-to: maping"), encoding="utf-8")
    result = run_cli("validate", "--project", str(root), expect_ok=False)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(line.endswith("prepare[1].only: 'hybrid' is not one of this module's variants"
                             " (in-person, online)") for line in lines), lines
    assert any(line.endswith("activities[1].alternative-to: no segment has the id 'maping';"
                             " did you mean 'mapping'?") for line in lines), lines


def test_the_reference_files_satisfy_the_schema() -> None:
    for kind, pattern in (("series", "handouts.yaml"), ("module", "content/modules/*.yaml"),
                          ("handout", "content/handouts/*.yaml")):
        schema = json.loads(run_cli("schema", kind).stdout)
        for path in sorted(REFERENCE.glob(pattern)):
            jsonschema.validate(typed_yaml(path), schema)


def test_blanks_are_lines_in_the_guide_and_fields_in_a_handout(reference: Path) -> None:
    assert "Hello! I’m ____________ and this is ____________________." in pdf_text(
        reference / "facilitator-guide.pdf")
    fields = field_names(reference / "data-map-worksheet.pdf")
    assert {"data-map-worksheet.text1.blank1", "data-map-worksheet.text1.blank2",
            "data-map-worksheet.text1.blank3"} <= fields


def test_the_web_pages_say_the_same(reference: Path) -> None:
    guide = outline(reference / "html" / "facilitator-guide.html")
    assert any(image.get("alt") == "An empty two-by-two matrix" for image in guide.all("img"))
    assert all(image.get("alt") for image in guide.all("img"))
    assert any(a.get("href") == "https://example.org/guides/data-map" for a in guide.all("a"))
    assert [th for th in guide.all("th") if th.get("scope") == "col"]
    handout = outline(reference / "html" / "data-map-worksheet.html")
    blanks = [i for i in handout.all("input") if "blank" in i.get("name", "")]
    assert [b["name"] for b in blanks] == [f"data-map-worksheet.text1.blank{n}" for n in (1, 2, 3)]
    assert all(b.get("aria-label") for b in blanks)


def test_every_reference_page_passes_axe(reference: Path, browser: Browser) -> None:  # noqa: F811
    script, why = find_axe()
    if script is None:
        pytest.skip(f"no axe-core: {why}")
    problems = {}
    for path in sorted(reference.glob("html/*.html")):
        page = browser.open(path.as_uri())
        try:
            violations = page.axe_violations(script)
            errors = page.console_errors()
        finally:
            page.close()
        if violations or errors:
            problems[path.name] = (errors, violations)
    assert not problems


def test_a_print_set_holds_the_default_variant_in_greys(tmp_path: Path) -> None:
    root = tmp_path / "reference"
    shutil.copytree(REFERENCE, root, ignore=shutil.ignore_patterns("output"))
    run_cli("print", "data-map", "--grayscale", "--participants", "4", "--project", str(root))
    packet = root / "output" / "data-map" / "print" / "facilitator-packet.pdf"
    text = pdf_text(packet)
    assert "Sticky notes in two colours" in text and "A shared whiteboard link" not in text
    pictures = [image.image for page in PdfReader(packet).pages for image in page.images]
    assert pictures
    for picture in pictures:
        assert picture is not None
        red, green, blue = picture.convert("RGB").split()
        assert red.tobytes() == green.tobytes() == blue.tobytes(), "a picture kept its colours"


def test_the_readme_module_example_validates(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
                 if b.startswith("number: 1\ntitle: Where Is Our Data?"))
    path = tmp_path / "module.yaml"
    path.write_text(block, encoding="utf-8")
    module = Module.model_validate(read_yaml(path).data)
    assert str(module.minutes) == "45–60" and module.variants == ["in-person", "online"]


def test_naming_the_first_variant_builds_the_default_edition(tmp_path: Path) -> None:
    root = tmp_path / "reference"
    shutil.copytree(REFERENCE, root, ignore=shutil.ignore_patterns("output"))
    run_cli("build", "data-map", "--variant", "in-person", "--project", str(root))
    output = root / "output" / "data-map"
    assert (output / "facilitator-guide.pdf").is_file()
    assert not (output / "in-person").exists()  # in-person is the module's first variant
    again = run_cli("build", "data-map", "--project", str(root))
    assert "up to date" in again.stdout
