"""site-url: a QR code on every printed page to its web twin, decoded from the rendered page."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import copy_series, run_cli
from tests.pdfdraw import pages
from tests.pdftext import page_texts

SITE = "https://learning.maplevalley.example.org/handouts"
PACKET = ["who-are-our-internal-customers", "internal-customer-service-discussion-questions",
          "reflection-form"]


def decode_pages(pdf: Path, folder: Path) -> list[list[str]]:
    """Render each page at 150 dpi and read every QR code on it with zbarimg."""
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        pytest.skip("zbarimg (zbar-tools) and pdftoppm (poppler-utils) are needed; .ci/run installs them")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(folder / "page")], check=True)
    decoded = []
    for image in sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1])):
        result = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True,
                                text=True, check=False)
        decoded.append(result.stdout.split())
    return decoded


def link_uris(pdf: Path) -> list[set[str]]:
    """The web links of each page's annotations."""
    pages = []
    for page in PdfReader(pdf).pages:
        uris = set()
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action["/URI"]))
        pages.append(uris)
    return pages


@pytest.fixture(scope="module")
def online_series(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_series(tmp_path_factory.mktemp("online") / "series")
    config = root / "handouts.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "paper: letter", f"paper: letter\nsite-url: {SITE}/", 1), encoding="utf-8")
    run_cli("build", "module4", "--project", str(root))
    return root


def test_every_packet_page_leads_to_its_own_handouts_web_twin(online_series: Path,
                                                               tmp_path: Path) -> None:
    packet = online_series / "output" / "module4" / "participant-packet.pdf"
    reader = PdfReader(packet)
    starts = [reader.get_destination_page_number(item) for item in reader.outline
              if not isinstance(item, list)]
    expected = []
    for index, handout in enumerate(PACKET):
        end = starts[index + 1] if index + 1 < len(starts) else len(reader.pages)
        expected += [f"{SITE}/module4/html/{handout}.html"] * (end - starts[index])
    assert decode_pages(packet, tmp_path) == [[url] for url in expected]
    # The address is printed beside the code (without the scheme) and both are links.
    for text, url, uris in zip(page_texts(packet), expected, link_uris(packet), strict=True):
        assert url.removeprefix("https://") in text.replace(" ", "")
        assert url in uris


def test_the_guide_and_each_handout_carry_the_code_on_every_page(online_series: Path,
                                                                 tmp_path: Path) -> None:
    folder = online_series / "output" / "module4"
    guide = decode_pages(folder / "facilitator-guide.pdf", tmp_path / "guide")
    assert len(guide) >= 2
    assert guide == [[f"{SITE}/module4/html/facilitator-guide.html"]] * len(guide)
    form = decode_pages(folder / "reflection-form.pdf", tmp_path / "form")
    assert form == [[f"{SITE}/module4/html/reflection-form.html"]] * len(form)
    # Each twin exists where the code points, under output/.
    for handout in PACKET:
        assert (folder / "html" / f"{handout}.html").is_file()


def test_large_print_codes_lead_to_the_large_print_twins(online_series: Path, tmp_path: Path) -> None:
    run_cli("build", "module4", "--large-print", "--project", str(online_series))
    pdf = online_series / "output" / "module4" / "large-print" / "reflection-form.pdf"
    url = f"{SITE}/module4/large-print/html/reflection-form.html"
    assert decode_pages(pdf, tmp_path) == [[url]] * len(PdfReader(pdf).pages)
    assert (online_series / "output" / "module4" / "large-print" / "html" / "reflection-form.html").is_file()
    # The address beside the code is large print too (16 pt or more): on lines of its own.
    short = url.split("://", 1)[1]
    for page in pages(pdf):
        address = [text for text in page.texts if len(text.text) > 8 and text.text in short]
        assert "".join(text.text for text in address) == short
        assert len(address) >= 2 and min(text.size for text in address) >= 16
        assert all(text.x >= 0 and text.x < page.width for text in address)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs))


def test_each_web_twin_links_back_to_its_pdf(online_series: Path) -> None:
    html = online_series / "output" / "module4" / "html"
    for name in [*PACKET, "facilitator-guide"]:
        parser = _Links()
        parser.feed((html / f"{name}.html").read_text(encoding="utf-8"))
        pdfs = [link["href"] for link in parser.links if link.get("type") == "application/pdf"]
        assert pdfs == [f"../{name}.pdf"], name
        assert (html / f"../{name}.pdf").resolve().is_file()


def test_no_site_url_no_code(built_series: Path, tmp_path: Path) -> None:
    packet = built_series / "output" / "module4" / "participant-packet.pdf"
    assert all(codes == [] for codes in decode_pages(packet, tmp_path))
    assert all(not uris for uris in link_uris(packet))
    assert "html" not in " ".join(page_texts(packet))


def test_print_set_packets_carry_the_codes(online_series: Path, tmp_path: Path) -> None:
    run_cli("print", "module4", "--participants", "3", "--paper", "a4", "--punch",
            "--project", str(online_series))
    packet = online_series / "output" / "module4" / "print" / "participant-packet.pdf"
    codes = [c for c in decode_pages(packet, tmp_path) if c]  # duplex blank pages have none
    assert {url for c in codes for url in c} == {f"{SITE}/module4/html/{h}.html" for h in PACKET}
    assert all(len(c) == 1 for c in codes)
