"""Inline markup parsed into a small tree: emphasis by CommonMark's rules, links and blanks.

``*`` runs open and close emphasis as CommonMark's delimiter-run algorithm says, so
``*Ar*lington`` is emphasis inside a word, ``2 * 3 * 4`` is arithmetic, and ``***both***``
is bold italic. ``[text](address)`` is a link and ``{{ blank }}`` / ``{{ blank(20) }}``
a writing line. A backslash before ``*``, ``[``, ``]`` or ``\\`` prints that character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

LINK_SCHEMES = ("http", "https", "mailto")
BLANK_WIDTH = 12  # characters of a blank written without a width
MAX_BLANK_WIDTH = 60  # a longer line would not fit beside any text on a page

# An address may hold one level of balanced brackets, as Wikipedia's do: .../Foo_(bar)
_ADDRESS = r"(?:[^\s()]|\([^\s()]*\))+"
_LINK = re.compile(r"\[((?:\\.|[^\[\]\\])+)\]\(\s*(" + _ADDRESS + r")\s*\)")
_BLANK = re.compile(r"\{\{-?\s*blank(?:\(\s*(\d+)\s*\))?\s*-?\}\}")
_ESCAPABLE = "*[]\\"


class Blank:
    """``blank`` in text: ``{{ blank }}`` and ``{{ blank(20) }}`` stay as written for markup."""

    def __str__(self) -> str:
        return "{{ blank }}"

    def __call__(self, width: int = 0) -> str:
        if not isinstance(width, int) or isinstance(width, bool) or not 1 <= width <= MAX_BLANK_WIDTH:
            raise ValueError(f"blank(width) takes a whole number of characters from 1 to"
                             f" {MAX_BLANK_WIDTH}")
        return f"{{{{ blank({width}) }}}}"


@dataclass
class Node:
    """One piece of inline text: ``text`` (leaf), ``em``, ``strong``, ``link`` or ``blank``."""

    kind: str
    text: str = ""
    children: list[Node] = field(default_factory=list)
    url: str = ""
    width: int = 0


@dataclass
class _Delimiter:
    node: Node  # the text node holding the run's stars
    count: int
    can_open: bool
    can_close: bool
    original: int


@lru_cache(maxsize=8192)
def parse(value: str) -> tuple[Node, ...]:
    """The inline tree of one text value (cached: shared handouts repeat their text)."""
    return tuple(_parse(value))


def _parse(value: str) -> list[Node]:
    # Emphasis is resolved over the whole value, so that ``**[a link](url)**`` is bold:
    # delimiter runs may open before a link or blank and close after it.
    nodes: list[Node] = []
    delimiters: list[_Delimiter] = []
    position = 0
    for match in _tokens().finditer(value):
        if match.start() > position:
            _scan(value, position, match.start(), nodes, delimiters)
        if match.group("link"):
            link = _LINK.match(match.group(0))
            assert link is not None
            nodes.append(Node("link", url=link.group(2), children=_parse(link.group(1))))
        else:
            width = int(match.group("width") or BLANK_WIDTH)
            nodes.append(Node("blank", width=max(1, min(width, MAX_BLANK_WIDTH))))
        position = match.end()
    if position < len(value):
        _scan(value, position, len(value), nodes, delimiters)
    return _resolve(nodes, delimiters)


@lru_cache(maxsize=1)
def _tokens() -> re.Pattern[str]:
    link = r"\[(?:\\.|[^\[\]\\])+\]\(\s*" + _ADDRESS + r"\s*\)"
    blank = r"\{\{-?\s*blank(?:\(\s*(?P<width>\d+)\s*\))?\s*-?\}\}"
    return re.compile(rf"(?<!\\)(?P<link>{link})|{blank}")


def _scan(text: str, index: int, stop: int, nodes: list[Node],
          delimiters: list[_Delimiter]) -> None:
    """Text of ``text[index:stop]`` into ``nodes``, each ``*`` run noted as a delimiter.

    Whether a run may open or close emphasis (CommonMark 6.2) depends on the characters
    around it in the whole value, a link's brackets included.
    """
    buffer: list[str] = []
    while index < stop:
        char = text[index]
        if char == "\\" and index + 1 < stop and text[index + 1] in _ESCAPABLE:
            buffer.append(text[index + 1])
            index += 2
            continue
        if char != "*":
            buffer.append(char)
            index += 1
            continue
        end = index
        while end < stop and text[end] == "*":
            end += 1
        before = text[index - 1] if index else " "
        after = text[end] if end < len(text) else " "
        left = not after.isspace() and (not _punct(after) or before.isspace() or _punct(before))
        right = not before.isspace() and (not _punct(before) or after.isspace() or _punct(after))
        if buffer:
            nodes.append(Node("text", "".join(buffer)))
            buffer = []
        nodes.append(Node("text", "*" * (end - index)))
        if left or right:
            delimiters.append(_Delimiter(nodes[-1], end - index, left, right, end - index))
        index = end
    if buffer:
        nodes.append(Node("text", "".join(buffer)))


def _punct(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _resolve(nodes: list[Node], delimiters: list[_Delimiter]) -> list[Node]:
    """Match closers with openers (CommonMark's "process emphasis") and wrap what lies between."""
    closer_at = 0
    while closer_at < len(delimiters):
        closer = delimiters[closer_at]
        if not closer.can_close:
            closer_at += 1
            continue
        opener_at = closer_at - 1
        while opener_at >= 0:
            opener = delimiters[opener_at]
            odd = (opener.can_close or closer.can_open) and (
                (opener.original + closer.original) % 3 == 0
                and not (opener.original % 3 == 0 and closer.original % 3 == 0))
            if opener.can_open and not odd:
                break
            opener_at -= 1
        if opener_at < 0:
            closer_at += 1
            continue
        opener = delimiters[opener_at]
        used = 2 if opener.count >= 2 and closer.count >= 2 else 1
        opener.count -= used
        closer.count -= used
        opener.node.text = "*" * opener.count
        closer.node.text = "*" * closer.count
        first = _position(nodes, opener.node) + 1
        last = _position(nodes, closer.node)
        nodes[first:last] = [Node("strong" if used == 2 else "em", children=nodes[first:last])]
        del delimiters[opener_at + 1:closer_at]
        closer_at = opener_at + 1
        if opener.count == 0:
            nodes.pop(_position(nodes, opener.node))
            del delimiters[opener_at]
            closer_at -= 1
        if closer.count == 0:
            nodes.pop(_position(nodes, closer.node))
            del delimiters[closer_at]
    return _merge([node for node in nodes if node.kind != "text" or node.text])


def _position(nodes: list[Node], node: Node) -> int:
    return next(index for index, candidate in enumerate(nodes) if candidate is node)


def _merge(nodes: list[Node]) -> list[Node]:
    merged: list[Node] = []
    for node in nodes:
        if node.kind == "text" and merged and merged[-1].kind == "text":
            merged[-1] = Node("text", merged[-1].text + node.text)
        else:
            if node.children:
                node.children = _merge(node.children)
            merged.append(node)
    return merged


def link_problems(value: str) -> list[str]:
    """Why the links of a text value cannot be used: only http, https and mailto addresses."""
    problems = []
    for node in _walk(parse(value)):
        if node.kind == "link":
            scheme = node.url.split(":", 1)[0].lower() if ":" in node.url else ""
            if scheme not in LINK_SCHEMES:
                problems.append(f"the link address '{node.url}' must start with https://, "
                                "http:// or mailto:")
            elif scheme in ("http", "https") and not re.match(r"(?i)https?://[^/\s]+", node.url):
                problems.append(f"the link address '{node.url}' has no host name")
    return problems


def blank_count(value: str) -> int:
    """How many ``{{ blank }}`` writing lines a text value holds."""
    return sum(1 for node in _walk(parse(value)) if node.kind == "blank")


def _walk(nodes: tuple[Node, ...] | list[Node]) -> list[Node]:
    found: list[Node] = []
    for node in nodes:
        found.append(node)
        found += _walk(node.children)
    return found
