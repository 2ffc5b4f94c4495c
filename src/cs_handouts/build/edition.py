"""Editions of a module: the same content in another size, delivery variant or language.

Every edition has a folder of its own under ``output/<module>/`` so that building one
never changes another's files; the default edition (the series' language, the module's
first variant, regular print) stays at ``output/<module>/`` itself.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    """Which edition to build. ``None`` means the default: the series' language, the first variant."""

    language: str | None = None
    variant: str | None = None
    large_print: bool = False

    @property
    def folder(self) -> str:
        """The edition's folder under ``output/<module>/`` (and ``output/series/``); "" by default.

        Its parts, in this order, each only where it differs from the default:
        ``es``, ``online``, ``large-print``, giving for example ``es-online-large-print``.
        """
        parts = [self.language or "", self.variant or "", "large-print" if self.large_print else ""]
        return "-".join(part for part in parts if part)

    def prefix(self, folder: str) -> str:
        """``folder`` (a module id or ``series``) followed by this edition's folder, if any."""
        return f"{folder}/{self.folder}" if self.folder else folder

    def fingerprint(self) -> str:
        """The edition as one string, for the manifest's keys."""
        return f"edition={self.folder}"
