"""Translations beside the originals: ``module4.es.yaml`` next to ``module4.yaml``.

A translation has the original's structure with its text translated. Checked here:
the same keys and list lengths (a missing step or an extra question is an error at the
translation), the same numbers and ids, and text left as the original (four words or
more) is a warning. The merged data keeps the translation's positions, so every later
problem points into the translation file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cs_handouts.content.source import Path_, Source, dotted
from cs_handouts.errors import Location, Problem

# Keys whose string values are ids, kinds or file names: never translated.
_UNTRANSLATED_KEYS = {"kind", "distribute", "id", "image", "src", "file", "variant", "variants",
                      "layout", "orientation", "paper", "language", "languages", "modules",
                      "logo", "date", "grouping-id", "module"}
_TRANSLATION_NAME = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)\.(?P<lang>[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$")
_NUMBER = re.compile(r"^\s*-?\d+(\.\d+)?\s*$")
_LONG_ENOUGH = 4  # words: shorter text (a name, "Agree") is often the same in both languages


def translation_of(path: Path) -> tuple[str, str] | None:
    """(id, language) when ``path`` is named like a translation, ``module4.es.yaml``."""
    found = _TRANSLATION_NAME.match(path.stem)
    return (found["id"], found["lang"]) if found else None


@dataclass
class Translated:
    """The merged source, the problems and warnings found, and translated -> original text."""

    source: Source
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    originals: dict[str, str] = field(default_factory=dict)


def merge(original: Source, translation: Source, ids: frozenset[str] = frozenset(),
          *, partial: bool = False) -> Translated:
    """The original with the translation's text; ``partial``: the translation may leave keys out."""
    result = Translated(Source(translation.path, None, translation.text, translation.positions,
                               translation.key_positions))
    data = _merge(original.data, translation.data, (), translation, result, ids, partial)
    result.source = Source(translation.path, data, translation.text,
                           {**_shifted(original), **translation.positions},
                           {**_shifted(original, key=True), **translation.key_positions})
    return result


def _shifted(original: Source, key: bool = False) -> dict[Path_, tuple[int, int]]:
    # Keys the translation leaves out (partial) are located at the top of the translation.
    return dict.fromkeys(original.key_positions if key else original.positions, (1, 1))


def _merge(original: Any, translated: Any, path: Path_, source: Source, result: Translated,
           ids: frozenset[str], partial: bool) -> Any:
    where = source.locate(path)
    if isinstance(original, dict):
        if not isinstance(translated, dict):
            return _mismatch(result, where, path, "a mapping, as in the original", original)
        merged = {}
        for key, value in original.items():
            if key in translated:
                merged[key] = _merge(value, translated[key], (*path, key), source, result, ids,
                                     partial)
            elif partial:
                merged[key] = value
            else:
                result.problems.append(Problem(where, dotted(path),
                                               f"missing '{key}', which the original has"))
                merged[key] = value
        for key in translated:
            if key not in original:
                result.problems.append(Problem(source.locate((*path, key), key=True),
                                               dotted((*path, key)),
                                               f"'{key}' is not in the original"))
        return merged
    if isinstance(original, list):
        if not isinstance(translated, list):
            return _mismatch(result, where, path, "a list, as in the original", original)
        if len(translated) != len(original):
            result.problems.append(Problem(where, dotted(path),
                                           f"{len(translated)} items where the original has"
                                           f" {len(original)}"))
            return original
        return [_merge(o, t, (*path, i), source, result, ids, partial)
                for i, (o, t) in enumerate(zip(original, translated, strict=True))]
    if isinstance(original, str) and isinstance(translated, str):
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        if _NUMBER.match(original) and translated.strip() != original.strip():
            # The reader keeps scalars as text: a number (rows, lines, minutes) must not change.
            return _mismatch(result, where, path, f"{original}, as in the original", original)
        if key in _UNTRANSLATED_KEYS or original in ids:
            if translated != original:
                result.problems.append(Problem(where, dotted(path),
                                               f"'{translated}' must stay '{original}' as in the"
                                               " original (an id, not text)"))
            return original
        if translated == original and len(original.split()) >= _LONG_ENOUGH:
            result.warnings.append(Problem(where, dotted(path),
                                           "warning: the same as the original: not translated?"))
        elif translated != original:
            result.originals[translated.strip()] = original.strip()
        return translated
    if translated != original:
        return _mismatch(result, where, path, f"{original!r}, as in the original", original)
    return original


def _mismatch(result: Translated, where: Location, path: Path_, expected: str,
              original: Any) -> Any:
    result.problems.append(Problem(where, dotted(path), f"expected {expected}"))
    return original
