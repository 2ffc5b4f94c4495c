from pathlib import Path

from tests.conftest import run_cli
from tests.pdftext import pdf_text


def test_build_writes_guide(module4_output: Path) -> None:
    assert "Internal Customer Service" in pdf_text(module4_output / "facilitator-guide.pdf")


def test_version() -> None:
    assert run_cli("--version").output.startswith("handouts ")
