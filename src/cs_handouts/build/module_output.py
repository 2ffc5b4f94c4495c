"""One module's build: what it is asked for, its documents rendered in memory, its files.

The options and results of a module's build, and the writing of its files, apart from
the rendering (``module.py``, ReportLab): the process that receives a module rendered
elsewhere (a worker, or the renderer started with the command, see ``warm.py``) writes
it without importing ReportLab.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from cs_handouts.build.edition import Edition
from cs_handouts.build.output import write_files
from cs_handouts.content.series import Series
from cs_handouts.content.theme import Theme
from cs_handouts.content.theme_file import load_theme
from cs_handouts.render.html import RenderedPage
from cs_handouts.render.rendered import RenderedPdf

FORMATS = ("pdf", "html")  # and "accessible", asked for by name (an optional extra)


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where: the output folder and an optional start time for clock times."""

    output_dir: Path
    start: dt.time | None = None
    formats: tuple[str, ...] = FORMATS  # pdf, html or both
    edition: Edition = Edition()  # large print, another variant or language: a folder of its own
    apart: bool = False  # lay the guide out in a forked copy meanwhile (one module, two cores)


@dataclass(frozen=True)
class WrittenFile:
    """A file the build wrote."""

    path: Path
    pages: int
    size: int
    copied: bool = False  # a file copied as it is (a web font), not a document
    fitted: str = ""  # how fitting laid out its parts ("tail2"; several: "plain,tail1")


@dataclass(frozen=True)
class ModuleResult:
    """What building one module wrote, and how long it took."""

    module_id: str
    files: list[WrittenFile]
    seconds: float

    @property
    def pages(self) -> int:
        return sum(f.pages for f in self.files)

    @property
    def documents(self) -> list[WrittenFile]:
        """The files written that are documents (a summary counts these, not the fonts)."""
        return [f for f in self.files if not f.copied]


@dataclass(frozen=True)
class RenderedModule:
    """A module's documents rendered in memory, not yet written."""

    module_id: str
    documents: list[tuple[str, RenderedPdf | RenderedPage]]
    seconds: float


def series_theme(series: Series, options: BuildOptions) -> Theme:
    """The built-in theme with the brand's colours and the project's theme.yaml over it."""
    return load_theme(series.project.templates_dir, series.config.brand,
                      large_print=options.edition.large_print)


def write_module(rendered: RenderedModule, options: BuildOptions) -> ModuleResult:
    """Write a rendered module into ``output/<module>/[<edition>/]``, every file or none of them."""
    started = time.perf_counter()
    folder = options.edition.prefix(rendered.module_id)
    files = {f"{folder}/{name}": doc.data for name, doc in rendered.documents}
    copies = {f"{folder}/{name}" for name, doc in rendered.documents if _copied(doc)}
    paths = write_files(options.output_dir, files, copies=copies)
    written = [WrittenFile(path, doc.pages, len(doc.data), _copied(doc),
                           ",".join(doc.ways) if isinstance(doc, RenderedPdf) else "")
               for path, (_, doc) in zip(paths, rendered.documents, strict=True)]
    return ModuleResult(rendered.module_id, written,
                        rendered.seconds + time.perf_counter() - started)


def _copied(document: RenderedPdf | RenderedPage) -> bool:
    return isinstance(document, RenderedPage) and document.copied
