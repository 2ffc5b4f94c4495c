"""ReportLab's PDF writer, its busiest steps made faster, byte for byte the same output.

Writing a PDF out (``canvas.save()``) is a third of a module's rendering, and most of
that is ReportLab's ``pdfdoc.format``: every dictionary key, name, number and
reference of every object goes through it, and through a text codec written in Python
(a module's form fields alone are some 3,000 of them). Here:

- a text value that is plain ASCII (names, operators) is encoded as ASCII, which is
  what PDFDocEncoding makes of it, once per distinct value; numbers likewise;
- a dictionary key is turned into its PDF name once per process, not once per use;
- a reference is written without the codec, and arrays and objects without the checks
  that only matter when ReportLab writes comments into the file (never: invariant);
- a small stream (a form field's look, a page total) already compressed once is not
  compressed again: zlib gives the same bytes for the same input, and each compression
  sets up a compressor of a quarter megabyte, whatever the size (a module has about 150
  such streams, nearly all seen before: the packet repeats its handouts' fields).

Anything else (the document's own objects, text outside ASCII, the control characters
PDFDocEncoding has no place for) goes to ReportLab's own code, as before. ``install()``
first writes a sample of every kind of value both ways and keeps ReportLab's writer if
they differ at all (another ReportLab version that writes differently); the tests compare
whole documents both ways.
"""

from __future__ import annotations

import re
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc

# The steps replaced: (where, name); ReportLab's own, as they were on import.
_STEPS = ((pdfdoc, "format"), (pdfdoc.PDFDictionary, "format"), (pdfdoc.PDFArray, "format"),
          (pdfdoc.PDFObjectReference, "format"), (pdfdoc.PDFStreamFilterZCompress, "encode"))
_REPORTLAB = tuple(getattr(owner, name) for owner, name in _STEPS)
_original_format = _REPORTLAB[0]
_PDFObject = pdfdoc.PDFObject
_fp_str = pdfdoc.fp_str
# PDFDocEncoding keeps ASCII as it is, except these control characters (it has no place
# for them: ReportLab's codec refuses them, and so must this writer).
_NOT_AS_ASCII = re.compile("[\x18-\x1f]")
_MAX_KEPT = 20_000  # distinct text values remembered (names and operators: a few hundred)
_SMALL = 2048  # bytes: a stream this short is kept compressed
_texts: dict[str, bytes] = {}
_names: dict[str, bytes] = {}
_compressed: dict[bytes, bytes] = {}


def _text(value: str) -> bytes:
    data = _texts.get(value)
    if data is None:
        if value.isascii() and not _NOT_AS_ASCII.search(value):
            data = value.encode("ascii")
        else:
            data = pdfdoc.pdfdocEnc(value)
        if len(_texts) < _MAX_KEPT:
            _texts[value] = data
    return data


def _format(element: Any, document: Any, toplevel: int = 0) -> bytes:
    """``pdfdoc.format``: one value as PDF bytes."""
    kind = type(element)
    if kind is str:
        return _text(element)
    if kind is bytes:
        return element  # type: ignore[no-any-return]
    if kind is int or kind is float:
        return _fp_str(element).encode("ascii")  # type: ignore[no-any-return]
    if (isinstance(element, _PDFObject) and (toplevel or not hasattr(element, "__RefOnly__"))
            and (rl_config.invariant or not rl_config.pdfComments)):
        return element.format(document)  # type: ignore[no-any-return]
    return _original_format(element, document, toplevel)  # type: ignore[no-any-return]


def _name(key: str) -> bytes:
    """A dictionary key as its PDF name and the space after it."""
    data = _names.get(key)
    if data is None:
        data = _names[key] = _format(pdfdoc.PDFName(key), None) + b" "
    return data


def _dictionary(self: Any, document: Any, IND: bytes = b"\n ") -> bytes:  # noqa: N803
    """``PDFDictionary.format``, as ReportLab writes it."""
    entries = self.dict
    keys = list(entries.keys())
    if not isinstance(entries, OrderedDict):
        keys.sort()
    lines = [_name(key) + _format(entries[key], document) for key in keys]
    return b"<<\n" + _joined(self, lines, IND, 6) + b"\n>>"


def _array(self: Any, document: Any, IND: bytes = b"\n ") -> bytes:  # noqa: N803
    """``PDFArray.format``, as ReportLab writes it."""
    items = [_format(item, document) for item in self.sequence]
    return b"[ " + _joined(self, items, IND, 10) + b" ]"


def _joined(self: Any, parts: list[bytes], IND: bytes, every: int) -> bytes:  # noqa: N803
    """A dictionary's entries or an array's items: a line each when the object is multiline,
    else on one line, broken after every ``every`` of them."""
    if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
        return IND.join(parts)
    for index in reversed(range(every, len(parts), every)):
        parts.insert(index, b"\n ")
    return b" ".join(parts)


def _reference(self: Any, document: Any) -> bytes:
    """``PDFObjectReference.format``: "12 0 R"."""
    try:
        number, version = document.idToObjectNumberAndVersion[self.name]
    except KeyError:
        raise KeyError(f"forward reference to {self.name!r} not resolved upon final formatting"
                       ) from None
    return b"%d %d R" % (number, version)


def _compress(self: Any, text: str | bytes) -> bytes:
    """``PDFStreamFilterZCompress.encode``: a small stream compressed once per process."""
    data = text.encode("utf8") if isinstance(text, str) else text
    if len(data) > _SMALL:
        return zlib.compress(data)
    compressed = _compressed.get(data)
    if compressed is None:
        compressed = zlib.compress(data)
        if len(_compressed) < _MAX_KEPT:
            _compressed[data] = compressed
    return compressed


_FASTER = (_format, _dictionary, _array, _reference, _compress)


def _use(steps: tuple[Any, ...]) -> None:
    for (owner, name), step in zip(_STEPS, steps, strict=True):
        setattr(owner, name, step)


class _SampleDocument:
    """What writing values asks of a document: no encryption, one object's number."""

    encrypt = pdfdoc.NoEncryption()
    idToObjectNumberAndVersion = {"Font.1": (5, 0)}  # noqa: N815 - ReportLab's name


def _sample() -> bytes:
    """Every kind of value a document holds, written by whichever writer is in use."""
    reference = pdfdoc.PDFObjectReference("Font.1")
    values: dict[str, Any] = {
        "Name": pdfdoc.PDFName("Widget"), "Odd Name#": pdfdoc.PDFName("a b/(c)"),
        "Int": 12, "Negative": -3, "Float": 612.0, "Fraction": 0.1 + 0.2, "Big": 1e7,
        "Bytes": b"(raw)", "Text": "/Helv 0 Tf 0 g", "Accented": "caf\u00e9 \u2019",
        "String": pdfdoc.PDFString("Answer 1"), "Array": pdfdoc.PDFArray([0, 0.5, "/N", [1]]),
        "Nested": pdfdoc.PDFDictionary({"A": 1, "B": pdfdoc.PDFArray([reference])}),
        "Ref": reference, "Bool": True, "Seven": 7, "Eight": 8,
        "Long": pdfdoc.PDFArray(range(25)), "Compact": pdfdoc.PDFArrayCompact(range(-3, 22)),
    }
    stream = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Type": "/XObject"}), "0 g 0 G",
                              [pdfdoc.PDFZCompress])
    ordered = pdfdoc.PDFDictionary(OrderedDict((key, values[key]) for key in sorted(values)))
    forced = pdfdoc.PDFDictionary(values)
    forced.multiline = "forced"
    document = _SampleDocument()
    top = pdfdoc.format(stream, document, toplevel=1)
    return b"|".join(pdfdoc.format(item, document) for item in
                     (pdfdoc.PDFDictionary(values), ordered, forced, reference, 3, 2.5, "x", top))


def install() -> bool:
    """Use the faster writer, if it writes the sample exactly as ReportLab does (True)."""
    if pdfdoc.format is _format:
        return True
    try:
        expected = _sample()
        _use(_FASTER)
        if _sample() == expected:
            return True
    except Exception:  # noqa: BLE001 - any difference at all: ReportLab's own writer
        pass
    _use(_REPORTLAB)
    return False


@contextmanager
def reportlab_writer() -> Iterator[None]:
    """ReportLab's own writer meanwhile (the tests compare documents written both ways)."""
    current = tuple(getattr(owner, name) for owner, name in _STEPS)
    _use(_REPORTLAB)
    try:
        yield
    finally:
        _use(current)
