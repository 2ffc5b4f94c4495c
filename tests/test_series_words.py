"""Words the series itself prints: the brand's footer with its variables, days in its language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cs_handouts.timing.schedule import SessionPlan
from tests.conftest import run_cli
from tests.pdftext import pdf_text

FOOTER = "footer: Office of Professional Learning · (555) 010-0123 · learning@maplevalley.example.org"


def _set(series: Path, old: str, new: str) -> None:
    config = series / "handouts.yaml"
    text = config.read_text(encoding="utf-8")
    assert old in text, "handouts.yaml changed; update the test"
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_brand_footer_fills_in_variables(series: Path) -> None:
    _set(series, FOOTER, "footer: \"{{ professional_learning_office }} · {{ organization }}\"")
    run_cli("build", "module4", "--project", str(series))
    filled = "Maple Valley Office of Professional Learning · Maple Valley School District"
    folder = series / "output" / "module4"
    for pdf in ("facilitator-guide.pdf", "reflection-form.pdf", "participant-packet.pdf"):
        text = pdf_text(folder / pdf)
        assert filled in text and "{{" not in text, pdf
    page = (folder / "html" / "reflection-form.html").read_text(encoding="utf-8")
    assert filled in page and "professional_learning_office" not in page


def test_session_days_are_written_in_the_series_language(series: Path) -> None:
    _set(series, "language: en-US", "language: es")
    run_cli("build", "--all", "--format", "pdf", "--project", str(series))
    agenda = pdf_text(series / "output" / "series" / "agenda.pdf")
    assert "martes, 12 de enero de 2027" in agenda and "Tuesday" not in agenda


def test_a_session_day_in_three_languages() -> None:
    day = dt.date(2027, 1, 12)
    assert SessionPlan(1, "Session 1", day, []).day == "Tuesday, January 12, 2027"
    assert SessionPlan(1, "Sesión 1", day, [], "es").day == "martes, 12 de enero de 2027"
    assert SessionPlan(1, "Séance 1", day, [], "fr").day == "mardi 12 janvier 2027"


def test_one_module_is_not_modules(tmp_path: Path) -> None:
    run_cli("new", str(tmp_path / "fresh"))
    result = run_cli("validate", "--project", str(tmp_path / "fresh"))
    assert result.stdout.strip().endswith(": 1 module, no errors."), result.stdout
    assert run_cli("list", "--project", str(tmp_path / "fresh")).stdout.rstrip().endswith(
        "1 module, 20 minutes.")
