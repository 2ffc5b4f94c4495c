"""A Spanish series, built and printed whole: not one of the tool's English words is left."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DATA, run_cli

# The tool's own words that were once printed in English whatever the language.
ENGLISH = ["Module", "Page", "Notes", "Facilitator", "Binder", "Date", "Name", "Signature",
           "CERTIFICATE", "Certificate", "Completion", "This certifies", "has completed",
           "intentionally", "Sign-in", "Session", "Sessions", "Contents", "Materials", "Minutes",
           "Goals", "minutes", "professional development", "MINUTES", "Skip to",
           "all modules", "Participant packet", "Location", "What we will do", "Time",
           "Series Overview", "Name Tents", "Print one copy", "January", "Tuesday", "form",
           "worksheet", "reading", "Segment", "Running time", "Suggested Facilitator Script", "Break"]


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The languages series with Spanish as its own language, built and printed."""
    root = tmp_path_factory.mktemp("spanish") / "series"
    shutil.copytree(DATA / "languages", root)
    for folder in ("content/modules", "content/handouts"):
        for path in (root / folder).glob("*.yaml"):
            parts = path.name.split(".")
            if len(parts) == 3 and parts[1] == "es":
                path.replace(path.with_name(f"{parts[0]}.yaml"))
            elif len(parts) == 3:
                path.unlink()
    series = (root / "handouts.es.yaml").read_text(encoding="utf-8")
    for path in root.glob("handouts.*.yaml"):
        path.unlink()
    config = (root / "handouts.yaml").read_text(encoding="utf-8")
    config = re.sub(r"^(title|organization):.*\n", "", config, flags=re.MULTILINE)
    config = config.replace("language: en\n", "language: es\n")
    config = re.sub(r"^languages: .*\n", "", config, flags=re.MULTILINE)
    # An untitled session and break: their default titles are the tool's words too.
    config += series + ("sessions:\n  - date: 2027-01-19\n"
                        "    start: \"9:00\"\n    modules: [module1]\n"
                        "    breaks:\n      - after: module1\n        minutes: 10\n")
    (root / "handouts.yaml").write_text(config, encoding="utf-8")
    shutil.copy(DATA / "rosters/roster.csv", root / "roster.csv")
    run_cli("build", "--all", "--project", str(root))
    run_cli("print", "--all", "--project", str(root), "--participants", "5", "--duplex",
            "--roster", str(root / "roster.csv"))
    return root / "output"


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL)
    # What a reader sees or hears: the text, and the labels and titles of the elements.
    shown = re.findall(r'(?:aria-label|alt|title)="([^"]*)"', page)
    return re.sub(r"<[^>]+>", " ", page) + " ".join(shown)


def test_every_document_is_built(spanish: Path) -> None:
    names = {path.name for path in spanish.rglob("*.pdf")}
    assert {"facilitator-guide.pdf", "reflection.pdf", "participant-packet.pdf",
            "facilitator-packet.pdf", "sign-in-sheet.pdf", "certificates.pdf", "name-tents.pdf",
            "overview.pdf", "facilitator-binder.pdf", "materials.pdf", "agenda.pdf"} <= names


def test_no_english_word_of_the_tool_is_left(spanish: Path) -> None:
    found = []
    for path in sorted([*spanish.rglob("*.pdf"), *spanish.rglob("*.html")]):
        text = _text(path)
        for word in ENGLISH:
            if re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text):
                found.append(f"{path.relative_to(spanish)}: {word}")
    assert not found, "\n".join(found)


def test_the_spanish_words_are_there(spanish: Path) -> None:
    certificates = _text(spanish / "module1/print/certificates.pdf")
    for words in ("CERTIFICADO", "Se certifica que", "ha completado", "Fecha",
                  "15 minutos de formación profesional", "19 de enero de 2027"):
        assert words in certificates, words
    sign_in = _text(spanish / "module1/print/sign-in-sheet.pdf")
    for words in ("Hoja de asistencia", "Nombre", "Escuela o departamento", "Firma"):
        assert words in sign_in, words
    assert "Página dejada en blanco intencionadamente" in _text(
        spanish / "module1/print/participant-packet.pdf")
    agenda = _text(spanish / "series/agenda.pdf")
    assert "martes, 19 de enero de 2027" in agenda and "Notas" in agenda
    assert "Carpeta del facilitador" in _text(spanish / "series/facilitator-binder.pdf")


def test_an_untitled_session_and_break_are_named_in_spanish(spanish: Path) -> None:
    agenda = _text(spanish / "series" / "agenda.pdf")
    assert "Sesión 1" in agenda and "Descanso" in agenda
    assert "SUMMARY:Sesión 1" in (spanish / "series" / "sessions.ics").read_text("utf-8")


def test_the_evaluation_report_speaks_spanish(spanish: Path, tmp_path: Path) -> None:
    answers = spanish.parent / "answers"
    answers.mkdir()
    (answers / "reflection-answers.json").write_text(
        '{"form": "reflection", "language": "es", "fields": {}}', encoding="utf-8")
    (answers / "broken.pdf").write_bytes(b"not a pdf")
    run_cli("collect", "module1", str(answers), "--project", str(spanish.parent))
    text = _text(spanish / "module1" / "evaluation.pdf")
    assert "Evaluación" in text and "respuesta" in text and "Archivos no leídos" in text
    for word in ("Evaluation", "response", "Files not read", "answered", "Module"):
        assert word not in text, word
