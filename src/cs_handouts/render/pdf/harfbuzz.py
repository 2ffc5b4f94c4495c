"""HarfBuzz (uharfbuzz), ReportLab's shaper of complex scripts, loaded when first used.

ReportLab imports uharfbuzz with its font module (10 ms of every build), though only
text in a script that needs shaping (Arabic, Devanagari, Hebrew with points...) uses it.
``load_when_used()`` puts a stand-in where ReportLab imports it: installed, as far as
ReportLab can tell, and the real module is imported the first time one of its names is
used. (The standard library's LazyLoader does not do here: the import statement itself
reads the module's ``__spec__``, which loads it.)
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

_NAME = "uharfbuzz"


class _OnFirstUse(types.ModuleType):
    """The module's stand-in: any name asked of it imports the real module and is taken from it."""

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):  # what the import system and tools ask of any module
            raise AttributeError(name)
        if sys.modules.get(_NAME) is self:
            del sys.modules[_NAME]
        real = importlib.import_module(_NAME)
        self.__dict__.update(real.__dict__)  # from now on its names are found directly
        return getattr(real, name)


def load_when_used() -> None:
    """Make ``import uharfbuzz`` cheap, unless it is imported already (or not installed)."""
    if _NAME in sys.modules or importlib.util.find_spec(_NAME) is None:
        return  # not installed: ReportLab goes without shaping, as it would anyway
    sys.modules[_NAME] = _OnFirstUse(_NAME)
