"""Series documents and the schedule: binder, overview, materials, agenda, clock times."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import copy_series, run_cli
from tests.pdftext import field_names, page_texts, pdf_text

NAMES = [
    "Module 1: Who Are Our Customers?",
    "Module 2: Intentional Listening",
    "Module 3: Treat the Person Like You Want to Be Treated",
    "Module 4: Internal Customer Service",
    "Module 5: Strategize How You Can Help",
    "Module 6: Be Proactive",
]


@pytest.fixture(scope="module")
def series_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_series(tmp_path_factory.mktemp("all") / "series")
    run_cli("build", "--all", "--project", str(root))
    return root / "output"


def test_binder_has_contents_and_a_bookmark_per_guide(series_output: Path) -> None:
    binder = series_output / "series" / "facilitator-binder.pdf"
    reader = PdfReader(binder)
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [str(item.title) for item in top] == ["Contents", *NAMES]
    contents = page_texts(binder)[1]  # after the cover
    assert "Facilitator Binder" in page_texts(binder)[0]
    for item in top[1:]:
        page = reader.get_destination_page_number(item) + 1
        assert page % 2 == 1, (item.title, page)  # every guide starts on a right-hand page
        # The contents line of each guide gives the page its bookmark opens.
        assert re.search(re.escape(str(item.title)) + r" \d+ " + str(page) + r"\b", contents), \
            (item.title, page, contents)
        assert page_texts(binder)[page - 1].count(str(item.title)) >= 1
    nested = reader.outline[3]  # Module 1's sections: after Contents, its list, Module 1
    assert isinstance(nested, list)
    assert "Agenda" in [str(i.title) for i in nested if not isinstance(i, list)]


def test_binder_numbers_pages_throughout_and_holds_every_guide(series_output: Path) -> None:
    binder = series_output / "series" / "facilitator-binder.pdf"
    # The pages left blank so that each guide starts on a right-hand page are not numbered.
    texts = [text for text in page_texts(binder) if text != "This page intentionally left blank"]
    total = len(texts)
    guides = sum(len(page_texts(series_output / f"module{n}" / "facilitator-guide.pdf"))
                 for n in range(1, 7))
    assert total == guides + 2  # the cover and the contents
    # The cover counts as page 1 but, as a cover, shows no number and no running header.
    assert "Page 1 of" not in texts[0] and "Contents" not in texts[0]
    assert "Facilitator Binder" in texts[0] and "Maple Valley School District" in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {total}" in text
    fields = field_names(binder)
    assert "module4.guide.materials.i1" in fields and "module1.guide.materials.i1" in fields


def test_overview_and_materials(series_output: Path) -> None:
    overview = pdf_text(series_output / "series" / "overview.pdf")
    for name in NAMES:
        assert name in overview
    assert "6 modules · 2 hours 30 minutes in all" in overview
    assert "Participants will identify internal customers" in overview
    materials = pdf_text(series_output / "series" / "materials.pdf")
    assert "Simple Actions for Excellent Customer Service reading (1 page)" in materials
    assert ".pdf" not in materials  # file names are for the print list, not this checklist
    sessions = pdf_text(series_output / "series" / "overview.pdf")
    # Each session a band over its modules, with its day and times.
    assert ("Session 2: Serving Each Other Well · Tuesday, January 19, 2027 · 9:00–10:20 AM"
            in sessions)
    assert sessions.index("Session 2:") < sessions.index("Module 4: Internal Customer Service")
    assert "Chart paper and markers (1 per table)" in materials


def test_agenda_has_one_page_per_session(series_output: Path) -> None:
    pages = page_texts(series_output / "series" / "agenda.pdf")
    assert len(pages) == 2
    first, second = pages
    assert "Session 1: Who We Serve" in first
    assert "Tuesday, January 12, 2027, 9:00–10:30 AM" in first
    # Clock times the way the series' language (en-US) writes them.
    for line in ("9:00–9:30 AM Module 1: Who Are Our Customers?", "9:55–10:05 AM Break",
                 "10:05–10:30 AM Module 3: Treat the Person"):
        assert line in first
    assert "9:00–9:20 AM Module 4: Internal Customer Service" in second
    assert "Page 1 of 1" in first and "Page 1 of 1" in second


def test_scheduled_guides_show_clock_times(series_output: Path) -> None:
    guide = pdf_text(series_output / "module5" / "facilitator-guide.pdf")
    # Session 2: module4 9:00–9:20, then module5 from 9:20.
    assert "Suggested Facilitator Script 3 0–3 min 9:20–9:23 AM" in guide
    assert "Can I Help, or Who Can? 9 3–12 min 9:23–9:32 AM" in guide


def test_start_gives_clock_times_without_a_schedule(series: Path) -> None:
    config = series / "handouts.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[:text.index("\n# When the series is taught")] + "\n", encoding="utf-8")
    run_cli("build", "module4", "--start", "9:05", "--project", str(series))
    guide = pdf_text(series / "output" / "module4" / "facilitator-guide.pdf")
    assert "Clock time" in guide
    assert "9:05–9:07 AM" in guide and "9:07–9:11 AM" in guide
    assert "Internal Customer Service Discussion Questions 10 6–16 min 9:11–9:21 AM" in guide
    run_cli("build", "module4", "--project", str(series))
    assert "Clock time" not in pdf_text(series / "output" / "module4" / "facilitator-guide.pdf")
    run_cli("build", "module4", "--start", "1:30 pm", "--project", str(series))
    assert "1:30–1:32 PM" in pdf_text(series / "output" / "module4" / "facilitator-guide.pdf")


def test_a_bad_start_time_is_an_error(series: Path) -> None:
    result = run_cli("build", "module4", "--start", "9h", "--project", str(series),
                     expect_ok=False)
    assert result.stderr == ("Error: --start: expected a time such as 9:00, 13:30 or 1:30 pm,"
                             " got '9h'\n")


def test_session_mistakes_are_located(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = series / "handouts.yaml"
    original = config.read_text(encoding="utf-8")
    text = original.replace("modules: [module4, module5, module6]",
                            "modules: [module4, module5, modul6, module1]")
    text = text.replace("      - after: module5\n", "      - after: module3\n")
    config.write_text(text, encoding="utf-8")
    monkeypatch.chdir(series)
    result = run_cli("validate", expect_ok=False)
    assert result.stderr.splitlines() == [
        "handouts.yaml:47:33: sessions[1].modules[2]: no module 'modul6'; did you mean 'module6'?",
        "handouts.yaml:47:41: sessions[1].modules[3]: module 'module1' is already scheduled in"
        " session 1",
        "handouts.yaml:49:16: sessions[1].breaks[0].after: 'module3' is not a module of this"
        " session (module4, module5, modul6, module1)",
        "Aborted: 3 errors in content; nothing was written.",
    ]
    config.write_text(original.replace('start: "9:00"', 'start: "9 o\'clock"', 1), "utf-8")
    result = run_cli("validate", expect_ok=False)
    assert result.stderr.splitlines() == [
        "handouts.yaml:38:12: sessions[0].start: expected a time such as 9:00, 13:30 or 1:30 pm,"
        " got '9 o'clock'",
        "Aborted: 1 error in content; nothing was written.",
    ]


@pytest.mark.parametrize(("language", "expected"), [
    ("en-US", "1:30–1:32 PM"), ("en-GB", "13:30–13:32"), ("es", "13:30–13:32"), ("fr", "13:30–13:32"),
])
def test_clock_times_are_written_the_languages_way(series: Path, language: str,
                                                   expected: str) -> None:
    config = series / "handouts.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en-US",
                                                                 f"language: {language}"),
                      encoding="utf-8")
    run_cli("build", "module4", "--start", "13:30", "--format", "pdf", "--project", str(series))
    assert expected in pdf_text(series / "output" / "module4" / "facilitator-guide.pdf")
