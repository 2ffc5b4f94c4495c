"""Where values came from: a parsed file's data with the line and column of every value."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cs_handouts.errors import Location

Path_ = tuple[str | int, ...]


@dataclass
class Source:
    """A parsed YAML file: its data and where every value and key came from."""

    path: Path
    data: Any
    text: str = ""
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_, *, key: bool = False) -> Location:
        """The location of the value at ``path``, or of its nearest existing parent."""
        path = tuple(path)
        while path:
            table = self.key_positions if key else self.positions
            if path in table:
                return Location(self.path, *table[path])
            path = path[:-1]
            key = False
        line, column = self.positions.get((), (1, 1))
        return Location(self.path, line, column)

    def find(self, needle: str, start: Location) -> Location:
        """Where ``needle`` first appears at or after ``start``, else ``start`` itself."""
        lines = self.text.splitlines()
        for index in range(start.line - 1, len(lines)):
            from_column = start.column - 1 if index == start.line - 1 else 0
            column = lines[index].find(needle, from_column)
            if column >= 0:
                return Location(self.path, index + 1, column + 1)
        return start


def dotted(path: Path_) -> str:
    """Render a path the way users write it: ``activities[1].steps[0].distribute``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
