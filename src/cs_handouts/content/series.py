"""A loaded series: the validated model of every module with its handouts, ready to render.

This is what the loader produces and what every later stage reads; it holds the
model, not the YAML, and keeps each value's source only to locate later problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cs_handouts.content.model import Handout, Module, SeriesConfig
from cs_handouts.content.source import Path_, Source, dotted
from cs_handouts.errors import ContentError, Location, Problem
from cs_handouts.project import Project
from cs_handouts.text.suggest import did_you_mean


@dataclass(frozen=True)
class HandoutSource:
    """A handout as written, before variables are filled in for a particular module."""

    id: str
    source: Source
    path: Path_  # where the handout's mapping sits inside its file


@dataclass(frozen=True)
class LoadedModule:
    """A module with its variables filled in and the handouts it distributes resolved."""

    id: str
    file: Path
    module: Module
    handouts: dict[str, Handout]  # every handout the module uses, in distribution order
    context: dict[str, Any]
    inputs: tuple[Path, ...] = ()  # the files it was made from: its own, then shared handouts
    source: Source | None = None  # the module's file, to locate what a renderer reports
    handout_sources: dict[str, HandoutSource] = field(default_factory=dict)
    # In a translated edition: each translated string -> the original, so that form fields
    # are named as in the default language.
    originals: dict[str, str] = field(default_factory=dict)

    def locate(self, handout_id: str | None, path: Path_, *, key: bool = False
               ) -> tuple[Location, str]:
        """Where a value of the module (or of its handout ``handout_id``) is written, and its field."""
        if handout_id is None or handout_id not in self.handout_sources:
            source = self.source or Source(self.file, None)
            return source.locate(path, key=key), dotted(path)
        written = self.handout_sources[handout_id]
        full = (*written.path, *path)
        return written.source.locate(full, key=key), dotted(full)


@dataclass(frozen=True)
class Series:
    """Everything the renderers need, validated: the config and the modules in order."""

    project: Project
    config: SeriesConfig
    modules: list[LoadedModule]
    modules_location: Location  # where the module order is given, for "no module" errors
    warnings: list[Problem] = field(default_factory=list)
    # Only when loaded with partial=True: the modules that failed, each with its own problems.
    broken: dict[str, list[Problem]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # every module id in series order, broken too
    config_source: Source | None = None  # handouts.yaml, to locate what a renderer reports

    @property
    def logo(self) -> Path | None:
        """The brand's logo file (None: the series has none)."""
        logo = self.config.brand.logo
        return self.project.root / logo if logo else None

    def module(self, module_id: str) -> LoadedModule:
        """The module with this id; a located error if it is broken or there is none."""
        for loaded in self.modules:
            if loaded.id == module_id:
                return loaded
        if module_id in self.broken:
            raise ContentError(self.broken[module_id])
        ids = self.order or [m.id for m in self.modules]
        hint = did_you_mean(module_id, ids)
        message = f"no module '{module_id}'{hint or '.'} The modules are: {', '.join(ids)}."
        raise ContentError([Problem(self.modules_location, "modules", message)])
