"""What the last build made from which inputs, so a rebuild renders only what changed.

``output/.handouts-manifest.json`` records, for each module and for the series
documents, a key (a SHA-256 of every input that can change the output) and the
files written. A module's inputs are its own file, the shared handouts it uses,
``handouts.yaml``, the project's ``templates/``, the package's version, code and
built-in templates, and the build options. This module must stay cheap to import: the
"nothing changed" check runs before any YAML is loaded or ReportLab imported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

from cs_handouts import __version__
from cs_handouts.build.edition import Edition
from cs_handouts.content.fontfiles import font_files
from cs_handouts.project import Project, outside_series

MANIFEST_NAME = ".handouts-manifest.json"
FORMAT = 1
SERIES_ENTRY = "series"


def entry_name(module_id: str | None, edition: Edition) -> str:
    """The manifest's name for a module's outputs (the series documents' when None) in an edition."""
    name = SERIES_ENTRY if module_id is None else f"module:{module_id}"
    return f"{name}@{edition.folder}" if edition.folder else name
# Text that fills in {{ date }} changes every day unless handouts.yaml fixes the date.
_USES_DATE = re.compile(rb"\{\{[^}]*\bdate\b")


@dataclass(frozen=True)
class FileRecord:
    """One file a build wrote, relative to the output folder."""

    name: str
    pages: int
    size: int
    # How fitting laid out a guide's pages: the binder lays it out the same way, untried. Read
    # from a file anyone may edit: a way fitting does not know is only a layout tried again.
    fitted: str = ""


@dataclass
class Entry:
    """A module (or the series documents) as last built: key, inputs and outputs."""

    key: str
    inputs: list[str]  # relative to the project root
    files: list[FileRecord]


@dataclass
class Manifest:
    """Every entry of the last builds, with the module order and files they assumed."""

    order: list[str] = field(default_factory=list)
    module_files: list[str] = field(default_factory=list)
    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def read(cls, output_dir: Path) -> Manifest:
        """The manifest in ``output_dir``; an empty one if there is none or it is unreadable."""
        path = output_dir / MANIFEST_NAME
        if path.is_symlink():
            return cls()  # never ours: the build writes a file here, not a link
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("format") != FORMAT:
                return cls()
            entries = {name: Entry(e["key"], e["inputs"], [FileRecord(**f) for f in e["files"]])
                       for name, e in data["entries"].items()}
            names = [n for e in entries.values() for n in (*e.inputs, *(f.name for f in e.files))]
            if not all(isinstance(n, str) and _plain_name(n) for n in names):
                return cls()  # edited to point elsewhere: trust none of it
            return cls(data["order"], data["module_files"], entries)
        except (OSError, ValueError, KeyError, TypeError):
            return cls()  # a lost or damaged manifest only means a full rebuild

    def dumps(self) -> bytes:
        """The manifest as JSON bytes, stable from run to run."""
        data = {"format": FORMAT, "order": self.order, "module_files": self.module_files,
                "entries": {name: asdict(entry) for name, entry in sorted(self.entries.items())}}
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")

    def up_to_date(self, name: str, key: str, output_dir: Path) -> bool:
        """Whether ``name`` was built from exactly this key and its files are all still there."""
        entry = self.entries.get(name)
        return (entry is not None and entry.key == key
                and all((output_dir / f.name).is_file() for f in entry.files))


class Fingerprints:
    """Keys for the inputs of one project and one set of build options."""

    def __init__(self, project: Project, options: Sequence[str]) -> None:
        self.project = project
        shared = hashlib.sha256()
        _add(shared, "version", __version__.encode())
        _add(shared, "options", "\0".join(options).encode())
        for name, data in _package_files():
            _add(shared, f"builtin:{name}", data)
        config = _read(project.config_file, project.root)
        _add(shared, "handouts.yaml", config)
        # The series file's translations (handouts.es.yaml): titles every edition prints.
        for path in sorted(project.config_file.parent.glob(f"{project.config_file.stem}.*.yaml")):
            if path.is_file():
                _add(shared, f"series:{path.name}", _read(path, project.root))
        for name, stamp in font_stamps():
            _add(shared, f"font:{name}", stamp)
        for path in _files_below(project.templates_dir):
            _add(shared, f"templates:{path.relative_to(project.root).as_posix()}",
                 _read(path, project.root))
        self.shared_digest = shared.hexdigest()
        self.today = dt.date.today().isoformat().encode() if _USES_DATE.search(config) else b""

    def key(self, inputs: Iterable[Path]) -> str:
        """The key of an output made from ``inputs`` plus everything every output shares."""
        digest = hashlib.sha256(self.shared_digest.encode())
        uses_date = bool(self.today)
        for path in inputs:
            data = _read(path, self.project.root)
            uses_date = uses_date or bool(_USES_DATE.search(data))
            _add(digest, path.relative_to(self.project.root).as_posix(), data)
        if uses_date:
            _add(digest, "today", dt.date.today().isoformat().encode())
        return digest.hexdigest()

    def relative(self, inputs: Iterable[Path]) -> list[str]:
        """Input paths as the manifest stores them."""
        return [path.relative_to(self.project.root).as_posix() for path in inputs]

    def series_key(self, module_keys: Sequence[str]) -> str:
        """The series documents depend on every module, so on every module's key."""
        digest = hashlib.sha256(self.shared_digest.encode())
        _add(digest, "modules", "\0".join(module_keys).encode())
        return digest.hexdigest()


def module_files(project: Project) -> list[str]:
    """The module files present, to notice one added or removed without loading anything."""
    folder = project.modules_dir
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def nothing_changed(project: Project, output_dir: Path, wanted: list[str] | None,
                    options: Sequence[str], edition: Edition) -> bool:
    """True when every wanted module (all, when None, and the series documents) is up to date.

    Needs no YAML parsing: the manifest says which files each output came from.
    """
    manifest = Manifest.read(output_dir)
    if not manifest.entries or manifest.module_files != module_files(project):
        return False
    names = [entry_name(mid, edition) for mid in (manifest.order if wanted is None else wanted)]
    series_entry = entry_name(None, edition)
    if wanted is None:
        names.append(series_entry)
    try:
        fingerprints = Fingerprints(project, options)
        keys = {}
        for name in names:
            entry = manifest.entries.get(name)
            if entry is None:
                return False
            if name != series_entry:
                keys[name] = fingerprints.key(project.root / p for p in entry.inputs)
        if wanted is None:
            keys[series_entry] = fingerprints.series_key(
                [keys[entry_name(mid, edition)] for mid in manifest.order])
    except OSError:
        return False  # an input is gone: load the series and let it say what is wrong
    return all(manifest.up_to_date(name, keys[name], output_dir) for name in names)


def _plain_name(name: str) -> bool:
    """A relative name that stays below its folder: no "..", no absolute path, no drive."""
    parts = PurePosixPath(name).parts
    return bool(parts) and not name.startswith(("/", "\\")) and "\\" not in name \
        and "\0" not in name and not any(p in (".", "..") or ":" in p for p in parts)


def _add(digest: hashlib._Hash, name: str, data: bytes) -> None:
    # Length-prefixed, so that moving bytes from one input to the next changes the key.
    digest.update(f"{name}\0{len(data)}\0".encode())
    digest.update(data)


def _read(path: Path, root: Path) -> bytes:
    """A file's bytes; one that leads outside the series is never read (the loader refuses it)."""
    if outside_series(root, path):
        return b"\0outside the series\0" + os.fsencode(path)
    return path.read_bytes()


def _files_below(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        found += [Path(root) / name for name in sorted(files)  # no pipe: reading it would block
                  if not name.startswith(".") and (Path(root) / name).is_file()]
    return found


def font_stamps() -> list[tuple[str, bytes]]:
    """The fonts documents are set in, as build inputs: shipped and system (CJK) font files.

    Size and modification time, not contents: the CJK collections are 20 MB each, and a
    font package's update changes both.
    """
    stamps = []
    for path in font_files():
        try:
            info = path.stat()
        except OSError:
            continue
        stamps.append((path.name, f"{info.st_size}:{info.st_mtime_ns}".encode()))
    return stamps


def _package_files() -> list[tuple[str, bytes]]:
    """The built-in templates and the code itself, so that an edited install rebuilds too."""
    package = Path(__file__).resolve().parent.parent
    code = []
    for root, dirs, names in os.walk(package):  # a third of the time Path.rglob takes
        dirs[:] = [name for name in dirs if name != "__pycache__"]
        code += [Path(root) / name for name in names if name.endswith(".py")]
    files = [*code, *_files_below(package / "templates")]
    return sorted((path.relative_to(package).as_posix(), path.read_bytes()) for path in files)
