"""Read built PDFs the way a person (or pdftotext) would: text, fields, fonts, metadata."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pypdf import PdfReader


def normalize(text: str) -> str:
    """Collapse white space so that line breaks in the PDF do not hide a sentence."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path) -> str:
    """All the text of a PDF, white space collapsed."""
    reader = PdfReader(path)
    return normalize(" ".join(page.extract_text() or "" for page in reader.pages))


def page_texts(path: Path) -> list[str]:
    return [normalize(page.extract_text() or "") for page in PdfReader(path).pages]


def field_names(path: Path) -> set[str]:
    return set((PdfReader(path).get_fields() or {}).keys())


def fonts(path: Path) -> dict[str, bool]:
    """Every font the pages use -> whether it is embedded."""
    found: dict[str, bool] = {}

    def visit(resources: Any) -> None:
        if not resources:
            return
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = False
            if descriptor is not None:
                descriptor = descriptor.get_object()
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
        for xobject in (resources.get("/XObject") or {}).values():
            visit(xobject.get_object().get("/Resources"))

    reader = PdfReader(path)
    for page in reader.pages:
        visit(page.get("/Resources"))
        for annotation in page.get("/Annots") or []:
            appearance = annotation.get_object().get("/AP") or {}
            for state in appearance.values():
                state = state.get_object()
                streams = state.values() if "/Resources" not in state else [state]
                for stream in streams:
                    visit(stream.get_object().get("/Resources"))
    return found


def outline_titles(path: Path) -> list[str]:
    """The bookmark titles, depth first."""
    titles: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))

    walk(PdfReader(path).outline)
    return titles
