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

import os
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cs_handouts.content.source import Path_, Source, dotted
from cs_handouts.errors import ContentError, Location, Problem

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 100_000
MAX_DEPTH = 50  # a module is about 8 levels deep; PyYAML recurses and would overflow near 300

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


def read_yaml(path: Path) -> Source:
    """Parse one YAML file into a :class:`Source`, or raise a located ContentError."""
    try:
        if path.exists() and not path.is_file():
            # A folder, a device or a pipe named *.yaml: reading it could block or never end.
            raise ContentError([Problem(Location(path), "", "not a regular file")])
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
            size = max(len(raw), os.fstat(stream.fileno()).st_size)
    except FileNotFoundError:
        raise ContentError([Problem(Location(path), "", "file not found")]) from None
    except OSError as error:
        raise ContentError([Problem(Location(path), "", f"cannot read: {error.strerror}")]) from None
    if size > MAX_FILE_BYTES:
        shown = f"{size / 1_000_000:.1f} MB"
        limit = f"{MAX_FILE_BYTES // 1_000_000} MB"
        message = f"file is too large ({shown}; the limit is {limit})"
        raise ContentError([Problem(Location(path, 1, 1), "", message)])
    text = _decode(path, raw)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        raise ContentError([_syntax_problem(path, error)]) from None
    except yaml.reader.ReaderError as error:
        raise ContentError([_reader_problem(path, text, error)]) from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting before this
        message = f"nested more than {MAX_DEPTH} levels deep"
        raise ContentError([Problem(Location(path, 1, 1), "YAML syntax", message)]) from None
    if node is None:
        raise ContentError([Problem(Location(path, 1, 1), "", "the file is empty")])
    return _Builder(path, text).build(node)


def _compose(text: str) -> Node | None:
    """The node tree, parsed by libyaml when PyYAML has it (several times faster).

    A file libyaml rejects is parsed again by the pure-Python parser, whose messages
    are the ones users see, so that errors read the same with or without libyaml. So
    is a file with aliases or deep nesting: libyaml's composer would expand the one
    and crash the process on the other (a 200 KB file of brackets overflows its stack).
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None and _plain_structure(text, fast):
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return _ContentLoader(text).get_single_node()


def _plain_structure(text: str, loader: Any) -> bool:
    """Whether libyaml's event stream (which does not recurse) has no alias and no deep nesting."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return False
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                return False
    except yaml.YAMLError:
        return False
    return True


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


class _ContentLoader(yaml.SafeLoader):
    """A SafeLoader whose composer refuses aliases and deep nesting as soon as it meets them."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        mark = cast("yaml.error.Mark", event.start_mark)  # the pure-Python loader's marks
        if isinstance(event, yaml.AliasEvent):
            # Aliases are how "billion laughs" documents grow; content never needs them.
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not supported; write the value out in full",
                mark)
        if self.depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"nested more than {MAX_DEPTH} levels deep", mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_HINTS = {
    "mapping values are not allowed here":
        "a colon followed by a space inside text; put the text in quotes",
    "that cannot start any token":
        "text that starts with this character must be in quotes",
}


def _reader_problem(path: Path, text: str, error: yaml.reader.ReaderError) -> Problem:
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    code = f"U+{error.character:04X}" if isinstance(error.character, int) else "?"
    message = f"a control character ({code}) that YAML does not allow; delete it"
    return Problem(Location(path, line, column), "YAML syntax", message)


def _syntax_problem(path: Path, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = error.problem or "invalid YAML"
    hint = next((h for needle, h in _HINTS.items() if needle in message), None)
    if "\t" in message or "'\\t'" in message:
        message = "a tab character; YAML is indented with spaces only"
    elif error.context == "while scanning a quoted scalar" and error.context_mark:
        # Point at the opening quote, where the fix goes, not at the end of the file.
        start = error.context_mark
        line, column = start.line + 1, start.column + 1
        message = "a quote that is never closed"
    elif hint:
        message = f"{message} ({hint})"
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
        # A plain scalar has style None from PyYAML and "" from libyaml: ~, null and nothing.
        if not node.style and node.tag.endswith(":null"):
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
