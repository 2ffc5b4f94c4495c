"""'Did you mean' suggestions for misspelled keys, ids and variables."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like ``word``, if any is close enough to be a likely misspelling."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'; did you mean 'x'?' when a choice is close to ``word``, else ''."""
    match = closest(word, choices)
    return f"; did you mean '{match}'?" if match else ""
