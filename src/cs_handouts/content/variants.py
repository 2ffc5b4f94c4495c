"""Delivery variants: which variant names a module may use, and the module as one variant sees it.

``only:`` may sit on a segment, a step (at any depth), a material, a note, a key point and a
prepare or follow-up item; an edition keeps what names its variant or names none.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from cs_handouts.content.model import Material, Module
from cs_handouts.content.source import Path_
from cs_handouts.content.steps import Note, Step
from cs_handouts.text.suggest import did_you_mean

T = TypeVar("T")


def module_problems(module: Module) -> list[tuple[Path_, str]]:
    """Unknown variants in ``only:``, and ``alternative-to:`` ids that name no segment."""
    problems: list[tuple[Path_, str]] = []
    for path, only in _only_values(module):
        for index, name in enumerate(only):
            if name not in module.variants:
                where = (*path, "only") if len(only) == 1 else (*path, "only", index)
                problems.append((where, _unknown_variant(name, module.variants)))
    ids: dict[str, int] = {}
    for index, segment in enumerate(module.segments):
        if segment.id and segment.id in ids:
            problems.append((_segment_path(module, index) + ("id",),
                             f"another segment has the id '{segment.id}'"))
        if segment.id:
            ids.setdefault(segment.id, index)
    for index, segment in enumerate(module.segments):
        other = segment.alternative_to
        if other is None:
            continue
        path = (*_segment_path(module, index), "alternative-to")
        if other == segment.id:
            problems.append((path, "a segment cannot be an alternative to itself"))
        elif other not in ids:
            hint = did_you_mean(other, ids) or (
                f"; the segment ids are: {', '.join(ids)}" if ids else
                "; give the other segment an id: first")
            problems.append((path, f"no segment has the id '{other}'{hint}"))
    return problems


def _unknown_variant(name: str, variants: list[str]) -> str:
    if not variants:
        return (f"'{name}' is not a variant of this module: list the module's variants first"
                f" (variants: [in-person, {name}])")
    return f"'{name}' is not one of this module's variants ({', '.join(variants)})"


def _segment_path(module: Module, index: int) -> Path_:
    return ("activities", index) if index < len(module.activities) else ("conclusion",)


def _only_values(module: Module) -> Iterator[tuple[Path_, tuple[str, ...]]]:
    for index, segment in enumerate(module.segments):
        path = _segment_path(module, index)
        if segment.only:
            yield path, segment.only
        yield from _step_only(segment.steps, (*path, "steps"))
    items: list[tuple[str, Sequence[Material | Note]]] = [
        ("materials", module.materials), ("notes", module.notes),
        ("key-points", module.key_points)]
    for key, listed in items:
        for index, item in enumerate(listed):
            if item.only:
                yield (key, index), item.only
    yield from _step_only(module.prepare, ("prepare",))
    yield from _step_only(module.follow_up, ("follow-up",))


def _step_only(steps: list[Step], path: Path_) -> Iterator[tuple[Path_, tuple[str, ...]]]:
    for index, step in enumerate(steps):
        if step.only:
            yield (*path, index), step.only
        yield from _step_only(step.steps or [], (*path, index, "steps"))


def default_variant(module: Module) -> str | None:
    """The variant a plain build makes: the module's first, or None when it names none."""
    return module.variants[0] if module.variants else None


def for_variant(module: Module, variant: str | None) -> Module:
    """The module as ``variant`` delivers it: everything marked ``only:`` another variant left out."""
    if variant is None or not module.variants:
        return module

    def keep(items: list[T]) -> list[T]:
        return [item for item in items if variant in (getattr(item, "only", None) or (variant,))]

    def steps(items: list[Step]) -> list[Step]:
        return [step.model_copy(update={"steps": steps(step.steps)}) if step.steps else step
                for step in keep(items)]

    def segment(value: Any) -> Any:
        return value.model_copy(update={"steps": steps(value.steps)})

    conclusion = module.conclusion
    if conclusion is not None:
        conclusion = segment(conclusion) if not conclusion.only or variant in conclusion.only \
            else None
    return module.model_copy(update={
        "variants": [variant],  # filtering again for its own default changes nothing
        "activities": [segment(activity) for activity in keep(module.activities)],
        "conclusion": conclusion,
        "materials": keep(module.materials), "notes": keep(module.notes),
        "key_points": keep(module.key_points),
        "prepare": steps(module.prepare), "follow_up": steps(module.follow_up),
    })
