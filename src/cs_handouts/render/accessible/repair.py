"""Mend what WeasyPrint's PDF/UA-1 output leaves short: field names, radio groups, header scope.

- Radio groups: WeasyPrint makes the group but also lists each button as a field of its
  own, named like the group, and names the group after its first button. Here each
  group is one field, named (``/TU``) by its question; each button's ``/Form`` element
  carries its own label as ``/Alt``; its "on" state is the button's value, as in the
  ReportLab PDF, so a filled PDF reads back the same (``handouts collect``).
- Every field's accessible name is the web page's (``names.py``); a ticked box is "Yes".
- Table header cells get ``/Scope`` (Column in the head row, Row beside the data).
- A picture with empty alt text is decoration: it becomes an artifact, out of the tree.
- A list item continued on the next page gets its ``LBody``; links get the Print flag.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, Pdf, String

from cs_handouts.render.accessible.names import FieldNames

RADIO = 1 << 15  # the Radio flag of a button field's /Ff
PRINT = 1 << 2  # the Print flag of an annotation's /F


def repair(data: bytes, names: FieldNames) -> bytes:
    """The PDF ``data`` with its fields, tables and decorative pictures mended."""
    with Pdf.open(io.BytesIO(data)) as pdf:
        forms = _form_elements(pdf)
        _repair_fields(pdf, names, forms)
        _header_scope(pdf)
        _list_bodies(pdf)
        _printed_links(pdf)
        _decoration(pdf)
        out = io.BytesIO()
        # A fixed /ID from the content: the same page gives the same bytes, build after build.
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _elements(pdf: Pdf) -> Iterator[Dictionary]:
    """Every structure element, parents before children."""
    root = pdf.Root.get("/StructTreeRoot")
    todo: list[Any] = [root.get("/K")] if root is not None else []
    while todo:
        item = todo.pop()
        if isinstance(item, Array):
            todo.extend(reversed(list(item)))
        elif isinstance(item, Dictionary) and item.get("/Type") != "/OBJR" and "/S" in item:
            yield item
            if "/K" in item:
                todo.append(item.K)


def _form_elements(pdf: Pdf) -> dict[tuple[int, int], Dictionary]:
    """The /Form structure element of each widget annotation, by the widget's object id."""
    found = {}
    for element in _elements(pdf):
        if element.S == "/Form":
            for kid in element.K if isinstance(element.K, Array) else [element.K]:
                if isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
                    found[kid.Obj.objgen] = element
    return found


def _repair_fields(pdf: Pdf, names: FieldNames,
                   forms: dict[tuple[int, int], Dictionary]) -> None:
    acroform = pdf.Root.get("/AcroForm")
    if acroform is None:
        return
    kept = Array()
    for field in acroform.Fields:
        if "/Parent" in field:
            continue  # a radio button: a widget of its group, not a field of its own
        name = str(field.get("/T", ""))
        if name in names.fields:
            field.TU = String(names.fields[name])
        if "/Kids" in field and int(field.get("/Ff", 0)) & RADIO:
            _radio_group(field, name, names, forms)
        elif field.get("/FT") == "/Btn" and "/AP" in field:
            _rename_state(field, Name("/on"), Name("/Yes"))
            if field.get("/V") == "/on":
                field.V = Name("/Yes")
        kept.append(field)
    acroform.Fields = kept


def _radio_group(group: Object, name: str, names: FieldNames,
                 forms: dict[tuple[int, int], Dictionary]) -> None:
    values = [str(value) for value in group.get("/Opt", [])]
    for index, kid in enumerate(group.Kids):
        for key in ("/T", "/TU"):  # a button's own name made it a field of its own
            if key in kid:
                del kid[key]
        if index < len(values) and values[index]:
            state = Name("/" + values[index])
            _rename_state(kid, Name(f"/{index}"), state)
            if group.get("/V") == f"/{index}":
                group.V = state
            label = names.options.get((name, values[index]))
            element = forms.get(kid.objgen)
            if label and element is not None:
                element.Alt = String(label)
    if len(values) == len(group.Kids) and all(values):
        del group["/Opt"]  # the states are named by value now, not by position


def _rename_state(widget: Object, old: Name, new: Name) -> None:
    appearances = widget.get("/AP")
    for kind in ("/N", "/D"):
        states = appearances.get(kind) if appearances is not None else None
        if isinstance(states, Dictionary) and old in states:
            states[new] = states[old]
            del states[old]
    if widget.get("/AS") == old:
        widget.AS = new


def _header_scope(pdf: Pdf) -> None:
    for element in _elements(pdf):
        if element.S != "/TH":
            continue
        row = element.get("/P")
        section = row.get("/P") if isinstance(row, Dictionary) else None
        in_head = isinstance(section, Dictionary) and section.get("/S") == "/THead"
        attributes = element.get("/A")
        if not isinstance(attributes, Dictionary):
            attributes = element.A = Dictionary(O=Name("/Table"))
        attributes.Scope = Name("/Column" if in_head else "/Row")


def _printed_links(pdf: Pdf) -> None:
    """Links printed as shown (the Print flag): a reader gets the same page on paper and screen."""
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            if annotation.get("/Subtype") == "/Link":
                annotation.F = int(annotation.get("/F", 0)) | PRINT


def _list_bodies(pdf: Pdf) -> None:
    """A list item continued on the next page comes without its body: its content gets one."""
    for element in list(_elements(pdf)):
        if element.S != "/LI":
            continue
        kids = list(element.K) if isinstance(element.K, Array) else [element.K]
        kinds = [kid.get("/S") if isinstance(kid, Dictionary) else None for kid in kids]
        if "/LBody" in kinds or None in kinds:  # has one, or holds content itself: left alone
            continue
        content = [kid for kid, kind in zip(kids, kinds, strict=True) if kind != "/Lbl"]
        if not content:
            continue
        body = pdf.make_indirect(Dictionary(Type=Name("/StructElem"), S=Name("/LBody"), P=element,
                                            K=Array(content)))
        if "/Pg" in element:
            body.Pg = element.Pg
        for kid in content:
            kid.P = body
        element.K = Array([*(kid for kid, kind in zip(kids, kinds, strict=True) if kind == "/Lbl"),
                           body])


def _decoration(pdf: Pdf) -> None:
    """Pictures with empty alt text: painted as artifacts, and gone from the structure tree."""
    for element in list(_elements(pdf)):
        if element.S != "/Figure" or str(element.get("/Alt", "")).strip():
            continue
        page = element.get("/Pg")
        mcids = {int(kid) for kid in (element.K if isinstance(element.K, Array) else [element.K])
                 if isinstance(kid, int)}
        if page is None or not mcids:
            continue
        _content_as_artifact(pdf, page, mcids)
        parent = element.P
        parent.K = Array([kid for kid in parent.K if not (isinstance(kid, Dictionary)
                                                          and kid.objgen == element.objgen)]) \
            if isinstance(parent.K, Array) else Array()
        _forget_mcids(pdf, page, mcids)


def _content_as_artifact(pdf: Pdf, page: Object, mcids: set[int]) -> None:
    instructions: list[Any] = []
    for instruction in pikepdf.parse_content_stream(page):
        operands = instruction.operands
        if (str(instruction.operator) == "BDC" and len(operands) == 2
                and isinstance(operands[1], Dictionary)
                and int(operands[1].get("/MCID", -1)) in mcids):
            instruction = pikepdf.ContentStreamInstruction([Name("/Artifact")],
                                                           pikepdf.Operator("BMC"))
        instructions.append(instruction)
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def _forget_mcids(pdf: Pdf, page: Object, mcids: set[int]) -> None:
    """Unhook the content from the parent tree's entry of its page."""
    parents = pdf.Root.StructTreeRoot.ParentTree
    nums = parents.get("/Nums", Array())
    key = page.get("/StructParents")
    for index in range(0, len(nums) - 1, 2):
        if int(nums[index]) == key and isinstance(nums[index + 1], Array):
            for mcid in mcids:
                if mcid < len(nums[index + 1]):
                    nums[index + 1][mcid] = pikepdf.Object.parse(b"null")
