"""The one exception family: every mistake a user can fix, located where it was made."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column count from 1."""

    file: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        name = display_path(self.file)
        if self.line:
            return f"{name}:{self.line}:{self.column}"
        return name


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) in the content, and where."""

    location: Location
    field: str
    message: str

    def __str__(self) -> str:
        if self.field:
            return f"{self.location}: {self.field}: {self.message}"
        return f"{self.location}: {self.message}"


class HandoutsError(Exception):
    """A mistake the user can fix: printed without a traceback, exit code 1."""


class ContentError(HandoutsError):
    """One or more located problems in the series' YAML, reported together."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def summary(self) -> str:
        count = len(self.problems)
        noun = "error" if count == 1 else "errors"
        return f"Aborted: {count} {noun} in content; nothing was written."


def display_path(path: Path) -> str:
    """Show a path relative to the working directory when it lies below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative
