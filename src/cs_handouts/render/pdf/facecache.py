"""What ReportLab reads from a font file, kept between runs beside Jinja2's compiled templates.

ReportLab reads a TrueType face's tables in Python when the face is first used: 8-10 ms
for each Noto Sans face, 20 ms of every build (the regular and bold faces), before a page
is laid out. What it makes of the file (the character map, widths, metrics) depends only
on the file and ReportLab's version, so it is kept in the user's cache folder
(``$XDG_CACHE_HOME/cs-handouts/``), keyed by both and by the file's size and time, and the
next run takes it from there (1 ms) with the file's bytes read afresh.

A kept face is used only if ReportLab's own reading and the kept one's make the same font:
both are made and compared before anything is kept. Where the folder cannot be written or
an entry cannot be read, the face is read from its file, as ever: builds are only slower.
The folder is the user's own, like the templates' cache, never the series' or its output's.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from cs_handouts.render.templates import cache_folder

_FORMAT = "1"  # of the kept entries: a new one when what is kept changes
# Not kept: the file's bytes (read again; the entry is keyed by the file's size and time)
# and the scaling function (made again from the face's units per em, as ReportLab does).
_NOT_KEPT = ("_ttf_data", "_pdfScale")


def read_font(name: str, path: str) -> TTFont:
    """``TTFont(name, path)``, its face taken from the cache where it was kept before."""
    try:
        info = os.stat(path)
        entry = _entry(path, info)
    except OSError:
        return TTFont(name, path)
    font = _kept(name, path, entry, info.st_size)
    if font is None:
        font = TTFont(name, path)
        _keep(name, path, font, entry)
    return font


def _entry(path: str, info: os.stat_result) -> Path:
    key = "\0".join([_FORMAT, reportlab.Version, f"{sys.version_info[0]}.{sys.version_info[1]}",
                     path, str(info.st_size), str(info.st_mtime_ns)])
    name = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return Path(cache_folder(f"faces-{reportlab.Version}")) / f"{name}.pickle"


def _kept(name: str, path: str, entry: Path, size: int) -> TTFont | None:
    """The font made from its kept face, or None (nothing kept, or not readable)."""
    try:
        state = _unpickled(entry.read_bytes())  # the user's own cache, written below
        data = Path(path).read_bytes()
        if not isinstance(state, dict) or len(data) != size:
            return None
        return _font_with(name, path, _face(state, data))
    except Exception:  # noqa: BLE001 - an entry from another version, or damaged: read the file
        return None


def _unpickled(data: bytes) -> Any:
    """The kept face's data: 3 ms; with the garbage collector running meanwhile, 80 ms (it
    scans the thousands of small lists and tuples over and over as they are made)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if collecting:
            gc.enable()


def _keep(name: str, path: str, font: TTFont, entry: Path) -> None:
    """Keep the face ReportLab read, if the font made from it is the same; quietly not if not."""
    written: str | None = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(entry.parent, os.W_OK):
            return  # not even the comparison below, then
        state = {key: value for key, value in vars(font.face).items() if key not in _NOT_KEPT}
        data = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
        again = _font_with(name, path, _face(pickle.loads(data), font.face._ttf_data))
        if _looks(again) != _looks(font):
            return
        with tempfile.NamedTemporaryFile(dir=entry.parent, prefix=".face-", delete=False) as file:
            written = file.name
            file.write(data)
        os.replace(written, entry)  # whole, or not there: another build may be reading it
    except Exception:  # noqa: BLE001 - a read-only home, a full disk: only slower next time
        if written is not None:
            Path(written).unlink(missing_ok=True)


def _face(state: dict[str, Any], data: bytes) -> TTFontFace:
    face: TTFontFace = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(state)
    face._ttf_data = data
    face._pdfScale = _scale(state["unitsPerEm"])
    return face


def _scale(units_per_em: int) -> Callable[[float], float]:
    """Font units to thousandths of an em, computed as ReportLab's own reading does."""
    if units_per_em == 1000:
        return lambda x: x
    per_unit = 1000 / units_per_em
    return lambda x: x * per_unit


def _font_with(name: str, path: str, face: TTFontFace) -> TTFont:
    """``TTFont(name, path)`` with ``face`` where it would read one: whatever else the font
    holds, ReportLab makes."""
    reads = ttfonts.TTFontFace
    ttfonts.TTFontFace = lambda *_, **__: face
    try:
        return TTFont(name, path)
    finally:
        ttfonts.TTFontFace = reads


def _looks(font: TTFont) -> tuple[object, ...]:
    """What a font is: its own attributes and its face's (the names' text too), the
    scaling by its results."""
    face = vars(font.face)
    return (
        {key: value for key, value in vars(font).items() if key not in ("face", "state", "encoding")},
        {key: value for key, value in face.items() if key != "_pdfScale"},
        {key: value.ustr for key, value in face.items() if isinstance(value, ttfonts.TTFNameBytes)},
        [face["_pdfScale"](x) for x in (0, 1, 7, 1000, 2048, -333)],
        vars(font.encoding), type(font.state), len(font.state),
    )
