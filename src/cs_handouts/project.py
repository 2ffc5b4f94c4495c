"""Where a series lives: find ``handouts.yaml`` and the folders beside it."""

from __future__ import annotations

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
