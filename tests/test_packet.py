"""The participant packet is made of the handouts' own pages: drawn again, never laid out again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from cs_handouts.render.pdf import document
from tests.conftest import REPO, run_cli
from tests.pdftext import field_names, outline_titles, page_texts

MODULE = "real-handouts"
# Handed out to participants, in the order of the steps; the fidelity checklist is the
# facilitator's alone.
DISTRIBUTED = ["backup-reading", "backup-policy", "data-matrix", "workshop-survey"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference series' module of real handouts (a landscape one among them), with QR codes."""
    root = tmp_path_factory.mktemp("packet") / "series"
    shutil.copytree(REPO / "examples" / "reference", root, ignore=shutil.ignore_patterns("output"))
    config = root / "handouts.yaml"
    config.write_text(config.read_text("utf-8") + "\nsite-url: https://training.example.org/\n",
                      "utf-8")
    run_cli("build", MODULE, "--format", "pdf", "--project", str(root))
    return root / "output" / MODULE


def _sizes(path: Path) -> list[tuple[float, float]]:
    return [(float(page.mediabox.width), float(page.mediabox.height))
            for page in PdfReader(path).pages]


def _widgets(path: Path) -> list[int]:
    return [len([a for a in page.get("/Annots") or [] if a.get_object()["/Subtype"] == "/Widget"])
            for page in PdfReader(path).pages]


def test_each_packet_page_is_its_handouts_page(built: Path) -> None:
    packet = built / "participant-packet.pdf"
    handouts = [built / f"{handout}.pdf" for handout in DISTRIBUTED]
    assert page_texts(packet) == [text for pdf in handouts for text in page_texts(pdf)]
    assert _sizes(packet) == [size for pdf in handouts for size in _sizes(pdf)]
    assert _widgets(packet) == [count for pdf in handouts for count in _widgets(pdf)]
    assert (612.0, 792.0) in _sizes(packet) and (792.0, 612.0) in _sizes(packet)  # landscape too


def test_the_packet_keeps_fields_page_numbers_and_bookmarks(built: Path) -> None:
    packet = built / "participant-packet.pdf"
    assert field_names(packet) == set().union(*(field_names(built / f"{h}.pdf")
                                                for h in DISTRIBUTED))
    titles = outline_titles(packet)
    for handout in DISTRIBUTED:
        own = outline_titles(built / f"{handout}.pdf")
        assert own[0] in titles  # the handout's entry, its headings below it
        assert all(title in titles for title in own)
    texts = page_texts(packet)
    first_pages = [i for i, text in enumerate(texts) if "Page 1 of" in text]
    assert len(first_pages) == len(DISTRIBUTED)  # each handout numbers its own pages


def test_a_packet_is_not_laid_out_again(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    laid_out: list[int] = []
    original = document.render_pdf

    def counting(parts: list[document.Part], *args: object, **kwargs: object) -> object:
        laid_out.append(len(parts))
        return original(parts, *args, **kwargs)  # type: ignore[arg-type]

    root = built.parent.parent
    before = (built / "participant-packet.pdf").read_bytes()
    # Every layout of a module's documents goes through fitting (the guide's too).
    monkeypatch.setattr("cs_handouts.render.pdf.fitting.render_pdf", counting)
    run_cli("build", MODULE, "--format", "pdf", "--force", "--project", str(root))
    assert laid_out and max(laid_out) == 1  # every layout is of one document, none of four
    assert (built / "participant-packet.pdf").read_bytes() == before  # same bytes, rebuilt
