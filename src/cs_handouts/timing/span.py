"""Minutes as trainers write them: a whole number (``20``) or a range (``30-45``)."""

from __future__ import annotations

import re
from typing import Any

MAX_MINUTES = 480
_RANGE = re.compile(r"^\s*(\d{1,3})\s*[-–—]\s*(\d{1,3})\s*$")


class Span(int):
    """Minutes, perhaps a range. As a number it is the lower figure (clock times follow it);
    printed, a range reads ``30–45``."""

    high: int

    def __new__(cls, low: int, high: int | None = None) -> Span:
        span = super().__new__(cls, low)
        span.high = low if high is None else high
        return span

    def __getnewargs__(self) -> tuple[int, int]:  # type: ignore[override]
        return int(self), self.high

    @property
    def low(self) -> int:
        """The lower figure."""
        return int(self)

    @property
    def is_range(self) -> bool:
        """Whether the span is a range rather than one figure."""
        return self.high != int(self)

    def plus(self, other: Span) -> Span:
        """Two spans one after the other: lower figures and upper figures added."""
        return Span(self.low + other.low, self.high + other.high)

    def __str__(self) -> str:
        return f"{self.low}–{self.high}" if self.is_range else str(self.low)

    def __format__(self, spec: str) -> str:
        return str(self) if not spec else format(int(self), spec)

    def __repr__(self) -> str:
        return f"Span({self.low}, {self.high})"


def parse_minutes(value: Any, minimum: int = 0) -> Span:
    """A Span from YAML's ``20`` or ``"30-45"``, or a ValueError that says what is wrong."""
    if isinstance(value, Span):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"expected a whole number of minutes or a range such as 30-45,"
                         f" got {value!r}")
    if isinstance(value, str):
        match = _RANGE.match(value)
        if match is None:
            if re.fullmatch(r"[+-]?\d{1,6}", value.strip()):
                return parse_minutes(int(value.strip()), minimum)
            raise ValueError(f"expected a whole number of minutes or a range such as 30-45,"
                             f" got '{value}'")
        low, high = int(match.group(1)), int(match.group(2))
        if low >= high:
            raise ValueError(f"a range goes from the smaller figure to the larger: {high}-{low}"
                             if low > high else f"write {low}, not {value.strip()}")
    else:
        low = high = value
    if low < minimum or high > MAX_MINUTES:
        raise ValueError(f"minutes must be from {minimum} to {MAX_MINUTES}, got {value}")
    return Span(low, high)


def total(spans: list[Span]) -> Span:
    """Spans one after another."""
    result = Span(0)
    for span in spans:
        result = result.plus(span)
    return result
