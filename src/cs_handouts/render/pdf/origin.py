"""Where each flowable came from, so that a layout failure can name the YAML that caused it.

The builders tag every flowable with an :class:`Origin`: the handout it belongs to
(``None`` for the module itself) and the path of its value in that file, such as
``("blocks", 1, "chart")``. The document remembers the origin of the last tagged
flowable it started to lay out; pieces that ReportLab splits off a flowable carry no
tag and so stay attributed to it. When ReportLab gives up (``LayoutError``), the
renderer raises :class:`LayoutProblem` with that origin, and the build turns it into
``file:line:column: field: message``. Rendering never reads YAML: an origin is a path,
not a location.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.doctemplate import LayoutError

TOO_TALL = "is too long to fit on one page; shorten it or split it in two"
# No handout or guide needs this many pages; the cap also bounds the time a hostile file
# (a checklist of 100,000 items, say) can make a build take.
MAX_PART_PAGES = 100

F = TypeVar("F", bound=Flowable)


@dataclass(frozen=True)
class Origin:
    """The content a flowable prints: a handout id (None: the module) and the value's path."""

    handout: str | None
    path: tuple[str | int, ...]
    advice: str = TOO_TALL  # what to tell the author if this content cannot be laid out


class LayoutProblem(Exception):
    """Content that ReportLab cannot lay out, with the origin of the content it was placing."""

    def __init__(self, origin: Origin | None, detail: str, advice: str | None = None) -> None:
        self.advice = advice or (origin.advice if origin else detail)
        super().__init__(self.advice)
        self.origin = origin
        self.detail = detail


class TooManyPages(LayoutError):
    """A handout or guide longer than MAX_PART_PAGES."""


def tag(flowables: Iterable[F], origin: Origin) -> list[F]:
    """Mark flowables as printing ``origin``; a more precise tag already there is kept."""
    tagged = list(flowables)
    for flowable in tagged:
        if getattr(flowable, "_handouts_origin", None) is None:
            flowable._handouts_origin = origin
    return tagged


class OriginTracking:
    """Mixin for a DocTemplate: remembers the origin of the flowable being laid out."""

    current_origin: Origin | None = None

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        origin = getattr(flowables[0], "_handouts_origin", None) if flowables else None
        if origin is not None:
            self.current_origin = origin
        super().handle_flowable(flowables)  # type: ignore[misc]


class KeepOnOnePage(KeepTogether):
    """Flowables that must share one page (a question and its answer lines).

    ReportLab's KeepTogether quietly splits content taller than a page; this one
    refuses, so the author hears about it instead of finding a question cut in two.
    """

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (available_width, available_height):
            self.wrap(available_width, available_height)
        frame: Any = getattr(self, "_frame", None)
        if frame is not None and self._H > frame._height:
            raise LayoutError(f"content {self._H:.0f} points tall in a frame of {frame._height:.0f}")
        result: list[Flowable] = super().split(available_width, available_height)
        return result
