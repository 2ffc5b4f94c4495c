"""What the loader cannot know and the renderer must not find out too late, as located problems.

- every character of every printed string has a glyph in the font (checked before
  rendering, so a missing glyph is an error and never an empty box on paper), and its
  inline markup is one ReportLab's paragraph parser reads;
- no handout's file name is taken by another document of its module;
- content that ReportLab cannot lay out is reported at the YAML that holds it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from cs_handouts.content.series import LoadedModule, Series
from cs_handouts.content.source import Path_, Source, dotted
from cs_handouts.content.theme_file import builtin_theme
from cs_handouts.errors import ContentError, Location, Problem
from cs_handouts.render.pdf.fonts import can_draw
from cs_handouts.render.pdf.origin import LayoutProblem
from cs_handouts.render.pdf.parsecheck import paragraph_error
from cs_handouts.text.markup import to_reportlab

T = TypeVar("T")

# Config values that are never printed. Variables are checked where they are defined.
_UNPRINTED_CONFIG = {"language", "paper", "modules", "date"}
_MAX_LISTED = 4


def unprintable_problems(series: Series, modules: Iterable[LoadedModule],
                         fonts: tuple[str, ...]) -> list[Problem]:
    """A located problem for every printed string with a character no font of ``fonts`` draws."""
    problems: set[Problem] = set()
    config = series.config.model_dump(by_alias=True, exclude_none=True,
                                      exclude=_UNPRINTED_CONFIG)
    config_source = series.config_source
    for path, text in _strings(config, ()):
        missing = can_draw(fonts, text)
        if missing and config_source is not None:
            location = _exact(config_source, path, config_source.locate(path), missing)
            problems.add(Problem(location, dotted(path), _cannot_print(missing)))
    for loaded in modules:
        module = loaded.module.model_dump(by_alias=True, exclude_none=True, exclude={"handouts"})
        documents: list[tuple[str | None, Any]] = [(None, module)]
        documents += [(hid, handout.model_dump(by_alias=True, exclude_none=True))
                      for hid, handout in loaded.handouts.items()]
        for handout_id, data in documents:
            for path, text in _strings(data, ()):
                missing = can_draw(fonts, text)
                problem = _located(loaded, handout_id, path, missing) if missing else None
                if problem is not None:
                    problems.add(problem)
                unreadable = paragraph_error(to_reportlab(text))
                if unreadable is not None:
                    location, field = loaded.locate(handout_id, path)
                    problems.add(Problem(location, field, unreadable))
    return sorted(problems)


def check_printable_modules(series: Series, modules: Iterable[LoadedModule],
                            fonts: tuple[str, ...] | None = None) -> None:
    """Raise a ContentError for every character the font cannot print in these modules."""
    problems = unprintable_problems(series, modules, fonts or builtin_theme().fonts)
    if problems:
        raise ContentError(problems)


def printable(loaded: LoadedModule, render: Callable[..., T], *args: Any) -> T:
    """``render(*args)``, with a layout failure turned into a located ContentError."""
    try:
        return render(*args)
    except LayoutProblem as error:
        raise ContentError([layout_problem(loaded, error)]) from None
    except ValueError as error:
        if not is_parser_error(error):
            raise
        raise ContentError([parser_problem(loaded, error)]) from None


def is_parser_error(error: ValueError) -> bool:
    """Whether ReportLab's paragraph parser raised ``error`` (text the checks above missed)."""
    return str(error).lstrip().startswith("paragraph text")


def parser_problem(loaded: LoadedModule, error: ValueError) -> Problem:
    """The last resort for markup ReportLab refused while laying out: the module's file, at least."""
    detail = str(error).rsplit("caused exception", 1)[-1].strip().splitlines()[0]
    return Problem(Location(loaded.file), "", f"cannot lay out the module: text whose markup"
                   f" the printer cannot read ({detail[:120]})")


def layout_problem(loaded: LoadedModule, error: LayoutProblem) -> Problem:
    """The located problem for content ReportLab could not lay out."""
    if error.origin is None:  # pragma: no cover - every flowable the builders make is tagged
        return Problem(Location(loaded.file), "", f"cannot lay out the module: {error.detail}")
    location, field = loaded.locate(error.origin.handout, error.origin.path, key=True)
    return Problem(location, field, error.advice)


def file_name_problems(loaded: LoadedModule, others: Iterable[str]) -> list[Problem]:
    """A problem for each handout whose PDF would have the name of another document."""
    taken = set(others)
    problems = []
    for handout_id in loaded.handouts:
        if f"{handout_id}.pdf" in taken:
            location, field = loaded.locate(handout_id, ("id",))
            if not loaded.handout_sources[handout_id].path:  # a shared handout: its file name
                location, field = Location(location.file), ""
            message = (f"the handout id '{handout_id}' is the name of another document's file"
                       f" ({handout_id}.pdf); choose another id")
            problems.append(Problem(location, field, message))
    return problems


def _located(loaded: LoadedModule, handout_id: str | None, path: Path_,
             missing: str) -> Problem | None:
    """The problem at the value; None when the characters came from a variable (reported there)."""
    location, field = loaded.locate(handout_id, path)
    if handout_id is None:
        source, full = loaded.source, path
    else:
        written = loaded.handout_sources.get(handout_id)
        source = written.source if written else None
        full = (*written.path, *path) if written else path
    if source is not None:
        raw = _raw_at(source.data, full)
        if isinstance(raw, str):
            missing = "".join(ch for ch in missing if ch in raw)
            if not missing:
                return None
        location = _exact(source, full, location, missing)
    return Problem(location, field, _cannot_print(missing))


def _exact(source: Source, path: Path_, location: Location, missing: str) -> Location:
    """Point at the character itself when the value was written out where it is found."""
    raw = _raw_at(source.data, path)
    if isinstance(raw, str) and missing[0] in raw:
        return source.find(missing[0], location)
    return location


def _raw_at(data: Any, path: Path_) -> Any:
    """The raw YAML value at ``path`` or at the deepest part of it that exists."""
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            break
    return data


def _cannot_print(missing: str) -> str:
    shown = [_show(ch) for ch in missing[:_MAX_LISTED]]
    if len(missing) > _MAX_LISTED:
        shown.append(f"and {len(missing) - _MAX_LISTED} more")
    noun = "character" if len(missing) == 1 else "characters"
    return f"the font cannot print {', '.join(shown)}; remove or replace the {noun}"


def _show(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    return f"'{ch}' ({code})" if ch.isprintable() else code


def _strings(data: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))
