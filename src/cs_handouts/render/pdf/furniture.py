"""Where the header's and footer's words go: wrapped or shortened, never cut with "…".

A header is the series and module on the left and the part's title on the right. When
they do not share one line (large print, long titles) the left side wraps, then the
title takes a line of its own, then the series' name (the first " · " part) is dropped:
the module and the title say which page this is. The footer's brand line wraps at its
" · " separators, so an address is never cut.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.utils import simpleSplit

Measure = Callable[[str], float]
SEPARATOR = " · "


@dataclass(frozen=True)
class HeaderRow:
    """One line of the header: text at the left, and the title (if it is on this line) at the right."""

    left: str
    right: str = ""


def header_rows(header: str, title: str, width: float, right_width: Measure,
                left_lines: Callable[[str, float], list[str]], max_rows: int) -> list[HeaderRow]:
    """The header's lines, top to bottom, in at most ``max_rows`` (the title always shows)."""
    candidates = [header]
    parts = header.split(SEPARATOR)
    if len(parts) > 1:
        candidates.append(SEPARATOR.join(parts[1:]))
    gap = right_width(" ") * 4
    for text in candidates:
        beside = width - right_width(title) - gap
        lines = left_lines(text, beside) if beside > width / 3 else []
        if lines and len(lines) <= max_rows:
            return [HeaderRow(line) for line in lines[:-1]] + [HeaderRow(lines[-1], title)]
        lines = left_lines(text, width)
        if len(lines) + 1 <= max_rows:
            return [HeaderRow(line) for line in lines] + [HeaderRow("", title)]
    # Nothing of the header fits beside the title: the title alone, as wide as the page.
    return [HeaderRow("", title)]


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width``; one long word keeps a line of its own."""
    lines: list[str] = simpleSplit(text, font, size, width)
    return lines


def footer_lines(footer: str, width: float, measure: Measure) -> list[str]:
    """The brand's footer line, broken at its " · " separators (then at spaces) to fit ``width``."""
    lines: list[str] = []
    for part in footer.split(SEPARATOR):
        if lines and measure(lines[-1] + SEPARATOR + part) <= width:
            lines[-1] += SEPARATOR + part
        else:
            lines.append(part)
    result: list[str] = []
    for line in lines:
        if measure(line) <= width:
            result.append(line)
            continue
        words: list[str] = []
        for word in line.split():
            if words and measure(" ".join([*words, word])) > width:
                result.append(" ".join(words))
                words = []
            words.append(word)
        result.append(" ".join(words))
    return result
