"""The translation catalogs of the words documents print: one .po file per language.

``src/cs_handouts/locale/<lang>/LC_MESSAGES/handouts.po`` (gettext, made and updated with
Babel; see the README). The .po files are read and compiled in memory, so a reviewer's
edit needs no compile step. Console messages are never translated.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from importlib import resources

SOURCE_LANGUAGE = "en"  # the templates' own words: no catalog needed


def _folder_name(language: str) -> str:
    return language.replace("-", "_")


@cache
def available() -> tuple[str, ...]:
    """The languages with a catalog, as BCP 47 codes (``zh-Hans``), the source language first."""
    folder = resources.files("cs_handouts").joinpath("locale")
    found = sorted(entry.name.replace("_", "-") for entry in folder.iterdir()
                   if entry.joinpath("LC_MESSAGES", "handouts.po").is_file())
    return (SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE))


def catalog_for(language: str) -> str | None:
    """The catalog that serves ``language``: itself, else its base language (``pt-BR`` -> ``pt``)."""
    codes = {code.lower(): code for code in available()}
    parts = language.split("-")
    for size in range(len(parts), 0, -1):
        found = codes.get("-".join(parts[:size]).lower())
        if found:
            return found
    return None


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The gettext translations for ``language`` (English words where the catalog has none)."""
    code = catalog_for(language)
    if code is None or code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    # Imported here: Babel's catalog modules cost an English build (no catalog) 2-3 ms.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = resources.files("cs_handouts").joinpath(
        "locale", _folder_name(code), "LC_MESSAGES", "handouts.po")
    with path.open("rb") as po:
        catalog = read_po(po, locale=_folder_name(code))
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@cache
def every_translation() -> str:
    """The translated words of every catalog, to cut CJK glyphs for all labels at once."""
    from babel.messages.pofile import read_po

    words: list[str] = []
    for code in available()[1:]:
        path = resources.files("cs_handouts").joinpath(
            "locale", _folder_name(code), "LC_MESSAGES", "handouts.po")
        with path.open("rb") as po:
            for message in read_po(po):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                words += [str(text) for text in strings if text]
    return "".join(words)
