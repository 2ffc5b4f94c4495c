"""Right-to-left ordering for ReportLab, from python-bidi.

ReportLab orders right-to-left text with ``rlbidi.log2vis``, from a package that
cannot be installed here; python-bidi implements the same Unicode algorithm (UAX #9).
``install()`` puts a ``log2vis`` made from it where ReportLab looks, before ReportLab's
text module is imported (it decides at import whether right to left is supported).
"""

from __future__ import annotations

import sys
import types
from typing import Any

from bidi import algorithm

# Explicit embedding marks: ReportLab asks for them to be dropped ("clean").
_EXPLICIT = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "BN"}


def _ordered(text: str, base_direction: str, mirror: bool) -> list[dict[str, Any]]:
    """The characters of ``text`` in display order, each with its logical index ``i``."""
    storage = algorithm.get_empty_storage()
    base = 1 if str(base_direction).upper().startswith("R") else 0
    storage["base_level"], storage["base_dir"] = base, ("L", "R")[base]
    algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["i"] = index
    algorithm.explicit_embed_and_overrides(storage, False)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    algorithm.reorder_resolved_levels(storage, False)
    if mirror:
        algorithm.apply_mirroring(storage, False)
    chars: list[dict[str, Any]] = storage["chars"]
    return chars


def log2vis(text: str, base_direction: str = "RTL", clean: bool = True,
            positions_V_to_L: list[int] | None = None, **_: Any) -> str:  # noqa: N803 - rlbidi's name
    """``text`` in display order; ``positions_V_to_L`` gets each shown character's logical index."""
    chars = _ordered(text, base_direction, mirror=True)
    if clean:
        chars = [char for char in chars if char["orig"] not in _EXPLICIT]
    if positions_V_to_L is not None:
        positions_V_to_L[:] = [char["i"] for char in chars]
    return "".join(char["ch"] for char in chars)


def display_order(text: str, base_direction: str) -> str:
    """``text`` reordered for display but not mirrored: what text extractors expect to read."""
    return "".join(char["ch"] for char in _ordered(text, base_direction, mirror=False))


def install() -> None:
    """Make ``rlbidi.log2vis`` this module's, unless ReportLab's text module is already loaded."""
    if "rlbidi" in sys.modules:
        return
    # Imported too late, ReportLab stays without right to left: text.py then refuses RTL text.
    module = types.ModuleType("rlbidi", "python-bidi's algorithm in rlbidi's shape")
    module.log2vis = log2vis  # type: ignore[attr-defined]
    sys.modules["rlbidi"] = module
