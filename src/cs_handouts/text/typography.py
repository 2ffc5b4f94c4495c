"""Typographic quotes and titles that keep their last two words together.

Straight quotes and apostrophes become curly ones the way SmartyPants turns them:
``"Hello," she said`` -> “Hello,” she said; ``don't`` -> don’t; ``'90s`` -> ’90s.
Web and e-mail addresses are left as written, since a curly quote would break them.
"""

from __future__ import annotations

import re

# Addresses and anything inside them stays as typed.
_ADDRESS = re.compile(r"(?:https?://|mailto:|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# A quote opens at the start, after white space, an opening bracket or a dash.
_OPENS_AFTER = " \t\n([{\u2014\u2013-\u00a0\u201c\u2018/"
_DECADE = re.compile(r"'(?=\d\ds\b)")
NO_BREAK_SPACE = "\u00a0"


def smart_quotes(text: str) -> str:
    """``text`` with straight quotes made typographic, except inside addresses."""
    if "'" not in text and '"' not in text:
        return text
    pieces: list[str] = []
    last = 0
    for match in _ADDRESS.finditer(text):
        pieces.append(_quotes(text[last:match.start()], text[:match.start()]))
        pieces.append(match.group())
        last = match.end()
    pieces.append(_quotes(text[last:], text[:last]))
    return "".join(pieces)


def _quotes(part: str, before: str) -> str:
    part = _DECADE.sub("\u2019", part)
    out: list[str] = []
    previous = before[-1:] if before else ""
    for char in part:
        if char in "'\"":
            opening = previous == "" or previous in _OPENS_AFTER
            if char == '"':
                char = "\u201c" if opening else "\u201d"
            else:
                char = "\u2018" if opening else "\u2019"
        out.append(char)
        previous = char
    return "".join(out)


def keep_last_words(title: str) -> str:
    """A title whose last two words never part, so its last line is never one word alone."""
    head, space, last = title.rstrip().rpartition(" ")
    if not space or not head.strip() or len(last) > 20:
        return title
    return f"{head}{NO_BREAK_SPACE}{last}"
