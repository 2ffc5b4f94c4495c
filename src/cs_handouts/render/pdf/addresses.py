"""ReportLab's pattern for web addresses, compiled the first time it is used.

``reportlab.platypus.paragraph`` compiles, as it is imported, a pattern that recognises a
web address (to break a long one at its slashes, where a paragraph style asks for it with
``uriWasteReduce``). Case-insensitive over most of Unicode, it takes Python's pattern
compiler 27 ms: a sixteenth of building one module, for a pattern the handouts' styles
never use. ``import_paragraph()`` imports that module with ``re.compile`` answering for
this one pattern with a stand-in, which compiles it when a paragraph first matches it.
"""

from __future__ import annotations

import re
import sys
from typing import Any

_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"  # how ReportLab's pattern (Django's validator) begins


class _OnFirstUse:
    """A pattern compiled the first time any of its methods or attributes is used."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(*self._source)
        self.__dict__.update((attribute, getattr(compiled, attribute))  # found directly from now on
                             for attribute in ("match", "search", "fullmatch", "pattern", "flags"))
        return getattr(compiled, name)


def import_paragraph() -> None:
    """Import ``reportlab.platypus.paragraph``, its web-address pattern compiled on first use."""
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    compile_now = re.compile

    def compile_later(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and pattern.startswith(_START) and flags == re.IGNORECASE:
            return _OnFirstUse(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_later
    try:
        import reportlab.platypus.paragraph  # noqa: F401
    finally:
        re.compile = compile_now
