"""Language editions while loading: each file swapped for its translation, checked against it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cs_handouts.content.model import SeriesConfig
from cs_handouts.content.source import Path_, Source, dotted
from cs_handouts.content.translate import merge, translation_of
from cs_handouts.errors import Location, Problem, display_path
from cs_handouts.text.catalogs import available, catalog_for

if TYPE_CHECKING:
    from cs_handouts.content.load import _Loader


def is_default(language: str | None, config: SeriesConfig) -> bool:
    """Whether ``language`` names the default edition (the series' ``language:``)."""
    first = config.languages[0] if config.languages else config.language
    return language is None or language in (config.language, first)


class Editions:
    """The translations the loader found, and the swap of originals for them in one edition."""

    def __init__(self, loader: _Loader, language: str | None) -> None:
        self.loader = loader
        self.language = language
        self.files: dict[tuple[str, str, str], Path] = {}  # (kind, id, language) -> file
        self.translated: dict[Path, Path] = {}  # translation file -> its original
        self.originals: dict[Path, dict[str, str]] = {}
        self.active = False

    def found(self, path: Path, what: str) -> None:
        """Note a translation file met while reading a folder."""
        named = translation_of(path)
        if named is not None:
            self.files[(what, *named)] = path

    def series(self, source: Source, config: SeriesConfig) -> tuple[Source, SeriesConfig]:
        """``handouts.yaml`` in the edition's language (``handouts.es.yaml`` over it, if any)."""
        self.check_catalogs(source, config)
        language = self.language
        if language is None or is_default(language, config):
            return source, config
        listed = config.languages or [config.language]
        if language not in listed:
            where = source.locate(("languages",) if config.languages else ("language",))
            self.loader.add(Problem(where, "languages", f"no '{language}' edition: the languages"
                                    f" are {', '.join(listed)}; add it to languages:"))
            return source, config
        self.active = True
        path = source.path.with_name(f"{source.path.stem}.{language}.yaml")
        if path.is_file():
            translation = self.loader.read(path)
            if translation is not None:
                merged = merge(source, translation, partial=True)
                self.loader.add(*merged.problems)
                self.loader.warnings += merged.warnings
                self.originals[path] = merged.originals
                source = merged.source
                config = self.loader.validate(SeriesConfig, source, source.data) or config
        return source, config.model_copy(update={"language": language})

    def check_catalogs(self, source: Source, config: SeriesConfig) -> None:
        """Every language of the series must have a catalog of the documents' words."""
        listed: list[tuple[Path_, str]] = [(("language",), config.language)]
        listed += [(("languages", index), code) for index, code in enumerate(config.languages or [])]
        for path, code in listed:
            if catalog_for(code) is None:
                self.loader.add(Problem(source.locate(path), dotted(path),
                                        f"no translation catalog for '{code}'; the catalogs are:"
                                        f" {', '.join(available())} (the README says how to add"
                                        " one)"))

    def sources(self, sources: dict[str, Source], what: str) -> dict[str, Source]:
        """Every module's or handout's source swapped for its translation in this edition."""
        if not self.active or self.language is None:
            return sources
        ids = frozenset(self._ids())
        swapped: dict[str, Source] = {}
        for item_id, source in sources.items():
            with self.loader.scoped_to(f"{what}:{item_id}"):
                path = self.files.get((what, item_id, self.language))
                if path is None:
                    expected = source.path.with_name(f"{item_id}.{self.language}.yaml")
                    self.loader.add(Problem(Location(source.path), "",
                                            f"no '{self.language}' translation of this {what}:"
                                            f" write {display_path(expected)}"))
                    swapped[item_id] = source
                    continue
                translation = self.loader.read(path)
                if translation is None:
                    swapped[item_id] = source
                    continue
                merged = merge(source, translation, ids)
                self.loader.add(*merged.problems)
                self.loader.warnings += merged.warnings
                self.originals[path] = merged.originals
                self.translated[path] = source.path
                swapped[item_id] = merged.source
        return swapped

    def _ids(self) -> set[str]:
        project = self.loader.project
        found = set()
        for folder in (project.modules_dir, project.handouts_dir):
            if folder.is_dir():
                found |= {p.stem for p in folder.iterdir() if p.suffix in (".yaml", ".yml")}
        return found

    def original_files(self, paths: list[Path]) -> list[Path]:
        """The originals of these translation files: a change there rebuilds the edition too."""
        return [self.translated[path] for path in paths if path in self.translated]

    def originals_of(self, paths: list[Path]) -> dict[str, str]:
        """Translated -> original text of these (translation) files."""
        originals: dict[str, str] = {}
        for path in paths:
            originals.update(self.originals.get(path, {}))
        return originals
