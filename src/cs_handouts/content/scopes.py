"""Problems filed under the module, shared handout or series they belong to.

Loading with ``partial=True`` uses the scopes to let one broken module fail alone:
its own problems and those of the shared handouts it uses make it broken, while a
problem of ``handouts.yaml`` (or of a file nothing uses) still stops the whole series.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from cs_handouts.errors import Problem

SERIES_SCOPE = "series"


class ScopedProblems:
    """Problems by scope: "series", "module:<id>" or "handout:<id>"."""

    def __init__(self) -> None:
        self.scope = SERIES_SCOPE
        self.scoped: dict[str, list[Problem]] = {}

    @property
    def problems(self) -> list[Problem]:
        """Every problem, whatever its scope."""
        return [p for problems in self.scoped.values() for p in problems]

    def add(self, *problems: Problem) -> None:
        """File problems under the current scope."""
        self.scoped.setdefault(self.scope, []).extend(problems)

    @contextmanager
    def scoped_to(self, scope: str) -> Iterator[None]:
        """File the problems found inside the block under ``scope``."""
        previous, self.scope = self.scope, scope
        try:
            yield
        finally:
            self.scope = previous

    def broken_modules(self, uses: dict[str, list[str]],
                       listed: set[str] | None) -> dict[str, list[Problem]]:
        """Each module with problems: its own, and those of the shared handouts it uses.

        A broken shared handout that no module uses, or a broken module file that
        handouts.yaml does not list, stays a problem of the whole series.
        """
        broken: dict[str, list[Problem]] = {}
        used: set[str] = set()
        for scope, problems in list(self.scoped.items()):
            kind, _, name = scope.partition(":")
            if kind == "module" and problems and listed is not None and name not in listed:
                self.scoped.setdefault(SERIES_SCOPE, []).extend(problems)
                self.scoped[scope] = []
            elif kind == "module" and problems:
                broken[name] = list(problems)
        for mid, handout_ids in uses.items():
            for hid in handout_ids:
                used.add(hid)
                if self.scoped.get(f"handout:{hid}"):
                    broken.setdefault(mid, []).extend(self.scoped[f"handout:{hid}"])
        for scope, problems in list(self.scoped.items()):
            kind, _, name = scope.partition(":")
            if kind == "handout" and problems and name not in used:
                self.scoped.setdefault(SERIES_SCOPE, []).extend(problems)
                self.scoped[scope] = []
        return {mid: sorted(set(problems)) for mid, problems in broken.items()}
