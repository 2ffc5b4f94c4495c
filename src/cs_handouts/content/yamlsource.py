"""Read YAML safely, remembering the line and column of every value.

PyYAML's composer already knows where each node starts; once the data is built
that knowledge is gone. ``read_yaml`` walks the node tree itself and keeps a
map from each value's path (``("activities", 1, "minutes")``) to its position,
so that a validation error found much later can still say ``file:line:column``.

Plain scalars stay text (``minutes: 20`` gives ``"20"``); pydantic turns text into
numbers, dates and booleans where the schema asks for them. That keeps a title
such as ``No`` or ``3.10`` exactly as it was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cs_handouts.errors import ContentError, Location, Problem

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 100_000

Path_ = tuple[str | int, ...]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


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


def read_yaml(path: Path) -> Source:
    """Parse one YAML file into a :class:`Source`, or raise a located ContentError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ContentError([Problem(Location(path), "", "file not found")]) from None
    except OSError as error:
        raise ContentError([Problem(Location(path), "", f"cannot read: {error.strerror}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        size = f"{len(raw) / 1_000_000:.1f} MB"
        limit = f"{MAX_FILE_BYTES // 1_000_000} MB"
        message = f"file is too large ({size}; the limit is {limit})"
        raise ContentError([Problem(Location(path, 1, 1), "", message)])
    text = _decode(path, raw)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        raise ContentError([_syntax_problem(path, error)]) from None
    except yaml.YAMLError as error:  # pragma: no cover - every PyYAML parse error is marked
        raise ContentError([Problem(Location(path, 1, 1), "yaml", str(error))]) from None
    if node is None:
        raise ContentError([Problem(Location(path, 1, 1), "", "the file is empty")])
    return _Builder(path, text).build(node)


def _compose(text: str) -> Node | None:
    """The node tree, parsed by libyaml when PyYAML has it (several times faster).

    A file libyaml rejects is parsed again by the pure-Python parser, whose messages
    are the ones users see, so that errors read the same with or without libyaml.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)  # type: ignore[no-any-return]
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)  # type: ignore[no-any-return]


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start : error.start + 1].hex()
        message = f"the file is not UTF-8 text (byte 0x{byte}); save it as UTF-8"
        raise ContentError([Problem(Location(path, line, column), "", message)]) from None


def _syntax_problem(path: Path, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = error.problem or "invalid YAML"
    if "\t" in message or "'\\t'" in message:
        message = "a tab character; YAML is indented with spaces only"
    elif error.context:
        started = error.context_mark
        if started and mark and started.line != mark.line:
            message = f"{message} ({error.context} started on line {started.line + 1})"
        else:
            message = f"{message} ({error.context})"
    return Problem(Location(path, line, column), "YAML syntax", message)


class _Builder:
    """Turns composed nodes into plain data, recording positions and refusing trouble."""

    def __init__(self, path: Path, text: str) -> None:
        self.source = Source(path, None, text)
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def build(self, node: Node) -> Source:
        self.source.data = self.value(node, ())
        if self.problems:
            raise ContentError(self.problems)
        return self.source

    def problem(self, node: Node, path: Path_, message: str) -> None:
        where = Location(self.source.path, node.start_mark.line + 1, node.start_mark.column + 1)
        self.problems.append(Problem(where, dotted(path), message))

    def value(self, node: Node, path: Path_) -> Any:
        if id(node) in self.seen:
            # An alias shares the node it names; refusing the second visit stops alias bombs.
            self.problem(node, path, "anchors and aliases (&name, *name) are not supported")
            return None
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            self.problem(node, path, f"the file has more than {MAX_NODES} values")
            raise ContentError(self.problems)
        self.source.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _STANDARD_TAGS:
            self.problem(node, path, f"the tag {node.tag!r} is not supported")
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.value(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.style is None and node.tag.endswith(":null"):
            return None
        return node.value

    def mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, path, "a key must be plain text")
                continue
            key = key_node.value
            key_path = (*path, key)
            if key in result:
                first_line = self.source.key_positions[key_path][0]
                self.problem(key_node, key_path, f"duplicate key (first given on line {first_line})")
                continue
            position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            self.source.key_positions[key_path] = position
            result[key] = self.value(value_node, key_path)
        return result


def dotted(path: Path_) -> str:
    """Render a path the way users write it: ``activities[1].steps[0].distribute``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
