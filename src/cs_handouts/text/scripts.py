"""Which writing systems a string uses: right to left, or without spaces between words."""

from __future__ import annotations

import re
import unicodedata

# The blocks of is_cjk below, as one pattern: a search runs in C, not a loop over characters.
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


def is_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter (Arabic, Hebrew, Syriac, Thaana...)."""
    if text.isascii():  # most text of most series: found without looking at each character
        return False
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def starts_rtl(text: str) -> bool:
    """Whether the first strong letter of ``text`` is right to left (Unicode's rules P2, P3)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is a Chinese, Japanese or Korean character (lines may break around it)."""
    code = ord(ch)
    return (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
            or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF)


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Chinese, Japanese or Korean character."""
    return not text.isascii() and _CJK.search(text) is not None


# Languages written right to left (ISO 639 codes), for an edition's direction.
_RTL_LANGUAGES = {"ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug", "syr"}


def rtl_language(code: str) -> bool:
    """Whether the language ``code`` (BCP 47: ``ar``, ``he-IL``, ``fa``) is written right to left."""
    return code.split("-")[0].lower() in _RTL_LANGUAGES
