"""Read answers from a folder: filled PDFs (their AcroForm values) and saved JSON files.

Only regular files directly in the folder are read, never through a link that leads
out of it; a file that cannot be read, belongs to no form of the module or holds no
answer is reported by name and skipped.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cs_handouts.collect.form import Form

MAX_FILE_BYTES = 20_000_000  # a filled form is kilobytes; a larger file is not one
BLANK_VALUES = frozenset({"", "Off", "/Off"})


@dataclass(frozen=True)
class Response:
    """One person's answers to one form."""

    source: str  # the file's name in the folder
    form: str  # the form's handout id
    language: str  # "" when the file does not say (a PDF)
    answers: dict[str, str]  # field name -> value, blanks left out


@dataclass
class Collected:
    """What a folder held: the responses, and the files skipped with the reason."""

    responses: list[Response] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)


def collect_folder(folder: Path, forms: Sequence[Form]) -> Collected:
    """Read every PDF and JSON file directly in ``folder`` as answers to one of ``forms``."""
    collected = Collected()
    root = folder.resolve()
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        name = path.name
        if path.is_dir():
            continue
        try:
            inside = path.resolve().parent == root and path.resolve().is_file()
        except OSError:
            inside = False
        if not inside:
            collected.skipped.append((name, "a link to a file outside the folder; not read"))
            continue
        suffix = path.suffix.lower()
        if suffix not in (".pdf", ".json"):
            collected.skipped.append((name, "not a PDF or a JSON file"))
            continue
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise _Skip("too large to be a filled form")
            data = path.read_bytes()
            found = _from_pdf(name, data, forms) if suffix == ".pdf" else _from_json(name, data, forms)
        except _Skip as why:
            collected.skipped.append((name, str(why)))
            continue
        except OSError as error:
            collected.skipped.append((name, f"cannot be read ({error.strerror or error})"))
            continue
        collected.responses += found
    return collected


class _Skip(Exception):
    """A file that holds no usable answers, and why."""


def _form_of(form_id: Any, forms: Sequence[Form]) -> Form:
    for form in forms:
        if form.handout_id == form_id:
            return form
    raise _Skip(f"answers to '{form_id}', which is not a form of this module")


def _from_json(name: str, data: bytes, forms: Sequence[Form]) -> list[Response]:
    try:
        saved = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise _Skip("not valid JSON") from None
    if not isinstance(saved, dict) or not isinstance(saved.get("fields"), dict) or "form" not in saved:
        raise _Skip('not saved answers: expected {"form": ..., "language": ..., "fields": {...}}')
    form = _form_of(saved["form"], forms)
    prefix = form.handout_id + "."
    answers = {key: _text(value) for key, value in saved["fields"].items()
               if isinstance(key, str) and key.startswith(prefix)}
    answers = {key: value for key, value in answers.items() if value not in BLANK_VALUES}
    if not answers:
        raise _Skip("no answers filled in")
    language = saved.get("language")
    return [Response(name, form.handout_id, language if isinstance(language, str) else "", answers)]


def _text(value: Any) -> str:
    if value is True:
        return "Yes"
    if value is None or value is False:
        return ""
    if isinstance(value, list):
        return "; ".join(_text(item) for item in value)
    return str(value).strip()


def _from_pdf(name: str, data: bytes, forms: Sequence[Form]) -> list[Response]:
    import io

    from pypdf import PdfReader

    if not data.startswith(b"%PDF"):
        raise _Skip("not a PDF")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is reported, not logged
    try:
        fields = PdfReader(io.BytesIO(data), strict=False).get_fields() or {}
        values = {key: _pdf_value(value.get("/V")) for key, value in fields.items()}
    except Exception:  # pypdf raises many kinds of error on a damaged file
        raise _Skip("a damaged PDF that cannot be read") from None
    responses = []
    known = False
    for form in forms:
        prefix = form.handout_id + "."
        answers = {key: value for key, value in values.items()
                   if key.startswith(prefix) and value not in BLANK_VALUES}
        known = known or any(key.startswith(prefix) for key in values)
        if answers:
            responses.append(Response(name, form.handout_id, "", answers))
    if not responses:
        raise _Skip("no answers filled in" if known else "not a form of this module")
    return responses


def _pdf_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_pdf_value(item) for item in value)
    text = str(value)
    return text[1:] if text.startswith("/") else text.strip()
