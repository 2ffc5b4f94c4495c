"""Structural PDF/UA-1 checks with pikepdf: what each accessible PDF must carry, read back.

Each check names the clause of ISO 14289-1 (PDF/UA-1) it stands for; the README lists
them. outloud (tests/test_accessible.py) runs its own PDF/UA-1 rules beside these.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary

HEADINGS = ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")


def elements(pdf: pikepdf.Pdf) -> Iterator[Dictionary]:
    """Every structure element in reading order (depth first)."""
    todo: list[Any] = [pdf.Root.StructTreeRoot.K]
    while todo:
        item = todo.pop()
        if isinstance(item, Array):
            todo.extend(reversed(list(item)))
        elif isinstance(item, Dictionary) and "/S" in item and item.get("/Type") != "/OBJR":
            yield item
            if "/K" in item:
                todo.append(item.K)


def kids(element: Dictionary) -> list[Any]:
    value = element.get("/K")
    return list(value) if isinstance(value, Array) else [] if value is None else [value]


def ua_problems(path: Path, language: str) -> list[str]:
    """What keeps the PDF at ``path`` from PDF/UA-1, as far as its structure shows; [] if none."""
    problems: list[str] = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if "/StructTreeRoot" not in root:  # 7.1: tagged
            return ["no structure tree"]
        if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):  # 7.1-? MarkInfo
            problems.append("/MarkInfo /Marked is not true")
        if str(root.get("/Lang", "")) != language:  # 7.2: natural language
            problems.append(f"/Lang is {root.get('/Lang')!r}, not {language}")
        if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):  # 7.1-10
            problems.append("DisplayDocTitle is not true")
        with pdf.open_metadata() as xmp:  # 5: PDF/UA identification; 7.1-9: a title
            if xmp.get("pdfuaid:part") != "1":
                problems.append("no pdfuaid:part 1 in the XMP metadata")
            if not xmp.get("dc:title"):
                problems.append("no dc:title in the XMP metadata")
        problems += _structure_problems(pdf)
        problems += _field_problems(pdf)
        problems += _font_problems(pdf)
    return problems


def _structure_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    level = 0
    for element in elements(pdf):
        kind = str(element.S)
        parent = element.get("/P")
        parent_kind = str(parent.get("/S", "")) if isinstance(parent, Dictionary) else ""
        if kind in HEADINGS:  # 7.4.2: headings in order, none skipped, the first an H1
            new = HEADINGS.index(kind) + 1
            if new > level + 1:
                problems.append(f"{kind} after H{level}")
            level = new
        elif kind == "/Figure" and not str(element.get("/Alt", "")).strip():  # 7.3
            problems.append("a Figure without alternative text")
        elif kind == "/TH":  # 7.5: header cells with their scope
            scope = element.get("/A", {}).get("/Scope") if isinstance(element.get("/A"), Dictionary) else None
            if scope not in ("/Column", "/Row", "/Both"):
                problems.append("a TH without /Scope")
        elif kind in ("/TD", "/TH") and parent_kind != "/TR":
            problems.append(f"a {kind} outside a TR")
        elif kind == "/LI" and parent_kind != "/L":  # 7.6: list items in lists
            problems.append("an LI outside an L")
    return problems


def _field_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    in_form_elements = {kid.Obj.objgen for element in elements(pdf) if element.S == "/Form"
                        for kid in kids(element)
                        if isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR"}
    for number, page in enumerate(pdf.pages, start=1):
        widgets = [a for a in page.get("/Annots", []) if a.get("/Subtype") == "/Widget"]
        if page.get("/Annots") and page.get("/Tabs") != "/S":  # 7.18.3: tab order
            problems.append(f"page {number} has annotations but no /Tabs /S")
        for widget in widgets:  # 7.18.4: every widget in a Form element
            if widget.objgen not in in_form_elements:
                problems.append(f"a widget of {widget.get('/T') or widget.Parent.get('/T')}"
                                " outside a Form element")
    acroform = pdf.Root.get("/AcroForm")
    for field in acroform.Fields if acroform is not None else []:
        name = str(field.get("/T", ""))
        if "/Parent" in field:
            problems.append(f"{name}: a widget listed as a field of its own")
        if not str(field.get("/TU", "")).strip():  # 7.18.1: every field has a name for readers
            problems.append(f"{name}: no /TU")
        for kid in field.get("/Kids", []):
            if "/T" in kid:
                problems.append(f"{name}: a button that is a field of its own")
    return problems


def _font_problems(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    for page in pdf.pages:  # 7.21.4.1: every font embedded
        for name, font in page.get("/Resources", {}).get("/Font", {}).items():
            descriptors = [font.get("/FontDescriptor")] + [
                d.get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
            if not any(d is not None and any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                       for d in descriptors):
                problems.append(f"font {name} ({font.get('/BaseFont')}) not embedded")
    return problems


def structure(path: Path) -> list[str]:
    """The kind of every structure element, in reading order (/H1, /P, /L, /LI...)."""
    with pikepdf.open(path) as pdf:
        return [str(element.S) for element in elements(pdf)]


def alt_texts(path: Path) -> list[str]:
    """The alternative text of every Figure, in order."""
    with pikepdf.open(path) as pdf:
        return [str(e.get("/Alt", "")) for e in elements(pdf) if e.S == "/Figure"]
