"""Where a series lives: find ``handouts.yaml`` and the folders beside it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cs_handouts.errors import HandoutsError, display_path

PROJECT_FILE = "handouts.yaml"


@dataclass(frozen=True)
class Project:
    """The paths of one series; nothing here is read until the loader reads it."""

    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / PROJECT_FILE

    @property
    def modules_dir(self) -> Path:
        return self.root / "content" / "modules"

    @property
    def handouts_dir(self) -> Path:
        return self.root / "content" / "handouts"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def output_dir(self) -> Path:
        return self.root / "output"


def find_project(start: Path | None = None, *, command: str = "build") -> Project:
    """The project whose ``handouts.yaml`` is at or above ``start`` (default: the working directory).

    ``start`` may also name the ``handouts.yaml`` file itself; ``command`` is the one the
    "not found" hint shows.
    """
    start = (start or Path.cwd()).absolute()
    if start.is_file() and start.name == PROJECT_FILE:
        return Project(start.parent)
    if not start.exists():
        raise HandoutsError(f"{start}: no such file or directory")
    if (start / PROJECT_FILE).is_dir():
        raise HandoutsError(f"{display_path(start / PROJECT_FILE)}: a folder, not a file")
    for folder in (start, *start.parents):
        if (folder / PROJECT_FILE).is_file():
            _check_not_misplaced(start, folder)
            return Project(folder)
    series = next((f for f in (start, *start.parents) if (f / "content").is_dir()), None)
    if series is not None:
        raise HandoutsError(f"{display_path(series / PROJECT_FILE)}: file not found; a series"
                            f" keeps {PROJECT_FILE} beside its content/ folder")
    raise HandoutsError(
        f"no {PROJECT_FILE} in {start} or any folder above it; run handouts inside a series"
        f" folder (one that has {PROJECT_FILE}), or name it: handouts {command} --project PATH;"
        " start one with: handouts new PATH"
    )


def _check_not_misplaced(start: Path, found: Path) -> None:
    """Refuse a handouts.yaml found above a folder that holds a series' content/ of its own."""
    if (found / "content").is_dir():
        return
    for folder in (start, *start.parents):
        if folder == found:
            return
        if (folder / "content").is_dir():
            shown = display_path(folder)
            series = "this folder" if shown == "." else shown
            raise HandoutsError(
                f"{display_path(found / PROJECT_FILE)}: this {PROJECT_FILE} is in a parent folder"
                f" of the series in {series}; move it there, beside content/")


# -- reading inside the series only ------------------------------------------------------
#
# A series folder is untrusted input (trainers share them, and download them from
# colleagues). The rule, for every file the tool reads on behalf of a series: links that
# stay inside the series folder are followed; anything that resolves outside it (an
# absolute path, "../..", or a symlink pointing away) is refused before it is opened, so
# its contents are never read, embedded, or quoted in an error. Every reader goes
# through ``series_path`` (or ``outside_series`` when it reports the problem itself).


class OutsideSeries(HandoutsError):
    """A file the series asks for that resolves outside the series folder."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        super().__init__(f"{display_path(path)}: {outside_message(path, root)}")


def outside_series(root: Path, path: Path) -> bool:
    """Whether ``path`` (absolute, or relative to ``root``) resolves outside the folder ``root``."""
    try:
        return not (root / path).resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links, or a name the system refuses
        return True


def outside_message(path: Path, root: Path) -> str:
    """Why ``path`` is refused: what kind of name leads away, never what the file holds."""
    if path.is_absolute() and not path.is_relative_to(root):
        what = "an absolute path outside the series folder"
    elif os.path.normpath(root / path).startswith(os.path.normpath(root) + os.sep):
        what = "a link that leads outside the series folder"
    else:
        what = "a path that leads outside the series folder"
    return f"{what}; only files inside the series folder are read"


def series_path(root: Path, path: Path) -> Path:
    """``root / path``, or OutsideSeries if it resolves outside the series folder ``root``."""
    full = root / path
    if outside_series(root, full):
        raise OutsideSeries(full, root)
    return full
