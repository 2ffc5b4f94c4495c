"""Rebuild what an edit touched, in this warm process: web pages first, then the PDFs.

The web pages of the modules an edit made stale are written first, so that the page
being edited reloads as soon as possible; the PDFs (and the manifest) follow. Nothing
of a module that fails is written: its last good output stays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cs_handouts.errors import ContentError, HandoutsError
from cs_handouts.project import Project

if TYPE_CHECKING:
    import datetime as dt

    from cs_handouts.build.batch import BatchOptions
    from cs_handouts.content.series import Series

# Told "html" when the web pages are written, then "pdf" (None: nothing written), with the
# errors known so far.
Published = Callable[[str | None, list[str]], None]


@dataclass
class Rebuilt:
    """What one rebuild did: the modules built and every error, one line each, in order."""

    modules: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def rebuild(project: Project, output_dir: Path, published: Published, *,
            first: bool = False) -> Rebuilt:
    """Load the series again and rebuild the stale modules; errors are returned, never raised."""
    import time

    started = time.perf_counter()
    result = Rebuilt()
    try:
        _rebuild(project, output_dir, published, result, first)
    except ContentError as error:
        result.errors += [str(problem) for problem in error.problems]
        published(None, _once(result.errors))
    except HandoutsError as error:  # a template or theme mistake stops every module
        result.errors.append(str(error))
        published(None, _once(result.errors))
    result.errors = _once(result.errors)  # a shared handout's error once
    result.seconds = time.perf_counter() - started
    return result


def _rebuild(project: Project, output_dir: Path, published: Published, result: Rebuilt,
             first: bool) -> None:
    from cs_handouts.build.batch import BatchOptions, build_batch, stale_modules
    from cs_handouts.build.formats import BASE
    from cs_handouts.build.schedule import scheduled_starts
    from cs_handouts.content.load import load_series

    series = load_series(project, partial=True)
    result.warnings = [str(warning) for warning in series.warnings]
    for problems in series.broken.values():
        result.errors += [str(problem) for problem in problems]
    # What a plain handouts build makes, so that each finds the other's output up to date.
    options = BatchOptions(output_dir, jobs=0 if first else 1, formats=BASE)
    stale = stale_modules(series, options)
    if not first and stale:
        _web_pages_first(series, stale, options, scheduled_starts(series), result)
        published("html", _once(result.errors))
    if stale or first:
        report = build_batch(series, [] if first else stale, options)
        for outcome in report.failures:
            result.errors += [str(problem) for problem in outcome.problems]
            if outcome.error:
                result.errors.append(f"{outcome.module_id}: {outcome.error}")
        result.modules = [outcome.module_id for outcome in report.built]
    if first:
        published("html", _once(result.errors))
    published("pdf" if result.modules else None, _once(result.errors))


def _once(lines: list[str]) -> list[str]:
    return list(dict.fromkeys(lines))


def _web_pages_first(series: Series, stale: list[str], options: BatchOptions,
                     starts: dict[str, dt.time], result: Rebuilt) -> None:
    """Render and write the web pages of the stale modules (their PDFs come next)."""
    import dataclasses

    from cs_handouts.build.module import render_module
    from cs_handouts.build.module_output import write_module

    by_id = {loaded.id: loaded for loaded in series.modules}
    for module_id in stale:
        module_options = dataclasses.replace(options.for_module(starts.get(module_id)),
                                             formats=("html",))
        try:
            write_module(render_module(series, by_id[module_id], module_options), module_options)
        except ContentError as error:
            result.errors += [str(problem) for problem in error.problems]
        except HandoutsError as error:
            result.errors.append(f"{module_id}: {error}")
