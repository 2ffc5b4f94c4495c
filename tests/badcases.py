"""Broken inputs as data: ``tests/data/bad/<name>/`` holds one case each.

``case.yaml`` says what the case breaks (``what``), the changes it makes to a copy
of the example series, and the exact stderr the build must give (``expect``).
Files under the case's ``series/`` folder are copied over the series byte for byte
(for encodings YAML text cannot hold). A change is one of:

- ``replace: {old, new}``: swap the first ``old`` in ``file`` for ``new``;
- ``write: text``: replace the whole file;
- ``repeat: {text, size, before, after}``: write ``text`` again and again up to ``size``
  bytes (between the optional ``before`` and ``after``);
- ``delete: true``, or ``move: other/path`` (relative to the series folder);
- ``symlink: target``: make ``file`` a symbolic link to ``target`` (a file or folder
  in its place is removed first); ``fifo: true``: make it a named pipe.

``elsewhere:`` maps file names to text written into a folder beside the series
(``{elsewhere}`` in a change stands for it): files a hostile series links to. The
build must leave them untouched and never print a line of them.

``found-by: build`` marks a problem only rendering can find (a layout problem);
``handouts validate`` must report every other case exactly as the build does.

``{tmp}`` in ``expect`` stands for the folder that holds the series copy.
Run ``python -m tests.badcases --record [NAME...]`` to rewrite every ``expect`` (or
the named cases') from the current build (then read the diff: each line must be a message worth printing).
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import copy_series

BAD = Path(__file__).resolve().parent / "data" / "bad"


@dataclass(frozen=True)
class BadCase:
    """One broken input and what the build must say about it."""

    name: str
    what: str
    changes: list[dict[str, Any]]
    expect: list[str]
    args: list[str]
    cwd: str
    folder: Path
    found_by_validate: bool  # False for layout problems, which only rendering finds
    elsewhere: dict[str, str]  # files outside the series that the case links to

    def apply(self, series: Path) -> None:
        """Break the series copy at ``series`` as this case says."""
        outside = elsewhere(series)
        for name, text in self.elsewhere.items():
            (outside / name).parent.mkdir(parents=True, exist_ok=True)
            (outside / name).write_text(text, encoding="utf-8")
        overlay = self.folder / "series"
        if overlay.is_dir():
            for source in overlay.rglob("*"):
                if source.is_file():
                    target = series / source.relative_to(overlay)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)
        for change in self.changes:
            _apply(series, change, self.name)

    def expected(self, series: Path) -> list[str]:
        """The exact stderr lines, with ``{tmp}`` filled in."""
        return [line.replace("{tmp}", str(series.parent)) for line in self.expect]


def load_cases() -> list[BadCase]:
    """Every case under tests/data/bad/, sorted by name."""
    cases = []
    for spec_file in sorted(BAD.glob("*/case.yaml")):
        spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
        cases.append(BadCase(
            name=spec_file.parent.name, what=spec["what"], changes=spec.get("changes", []),
            expect=spec.get("expect", "").splitlines(),
            args=spec.get("args", ["build", "module4"]), cwd=spec.get("cwd", "."),
            folder=spec_file.parent, found_by_validate=spec.get("found-by") != "build",
            elsewhere=spec.get("elsewhere", {}),
        ))
    return cases


def elsewhere(series: Path) -> Path:
    """The folder beside a series copy that stands for the rest of the machine."""
    return series.parent / "elsewhere"


def _apply(series: Path, change: dict[str, Any], name: str) -> None:
    path = series / change["file"]
    if "replace" in change:
        text = path.read_text(encoding="utf-8")
        old = change["replace"]["old"]
        new = change["replace"]["new"].replace("{elsewhere}", str(elsewhere(series)))
        if old not in text:
            raise AssertionError(f"{name}: {change['file']} no longer contains {old!r}; "
                                 "the example series changed, so update the case")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    elif "write" in change:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(change["write"], encoding="utf-8")
    elif "repeat" in change:
        unit = change["repeat"]["text"].encode("utf-8")
        count = change["repeat"]["size"] // len(unit) + 1
        before, after = (change["repeat"].get(k, "").encode("utf-8") for k in ("before", "after"))
        path.write_bytes(before + unit * count + after)
    elif change.get("delete"):
        path.unlink()
    elif "move" in change:
        path.rename(series / change["move"])
    elif change.get("fifo"):
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
    elif "symlink" in change:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(change["symlink"].replace("{elsewhere}", str(elsewhere(series))))
    else:
        raise AssertionError(f"{name}: unknown change {change}")


def _record(names: list[str]) -> None:
    """Rewrite each case's ``expect`` (of the cases named, if any) from what the build prints now."""
    import os
    import subprocess
    import tempfile

    for case in load_cases():
        if names and case.name not in names:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            series = copy_series(Path(tmp) / "series")
            case.apply(series)
            result = subprocess.run([sys.executable, "-m", "cs_handouts", *case.args],
                                    cwd=series / case.cwd, capture_output=True, text=True,
                                    env={**os.environ, "COLUMNS": "200"}, check=False)
            stderr = result.stderr.replace(str(series.parent), "{tmp}")
        spec_file = case.folder / "case.yaml"
        spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
        spec["expect"] = stderr
        spec_file.write_text(yaml.dump(spec, sort_keys=False, allow_unicode=True, width=10**6,
                                       Dumper=_LiteralDumper), encoding="utf-8")
        print(f"{case.name}: exit {result.returncode}")


class _LiteralDumper(yaml.SafeDumper):
    """Writes multi-line strings as ``|`` blocks, so expectations read as they print."""


def _literal(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and "\t" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LiteralDumper.add_representer(str, _literal)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--record"]:
        _record(sys.argv[2:])
    else:
        print(__doc__)
