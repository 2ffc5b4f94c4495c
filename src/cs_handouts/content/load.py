"""Load a series: read every YAML file, validate it, cross-check references, fill variables.

Every problem in every file is collected before anything fails, so one run
shows the author all of them. Nothing here knows about PDF.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from cs_handouts.content.assets import resolve_image
from cs_handouts.content.brand import logo_problem
from cs_handouts.content.editions import Editions
from cs_handouts.content.messages import problems_from
from cs_handouts.content.model import ID_PATTERN, Handout, InlineHandout, Module, SeriesConfig
from cs_handouts.content.scopes import SERIES_SCOPE, ScopedProblems
from cs_handouts.content.series import HandoutSource, LoadedModule, Series
from cs_handouts.content.source import Path_, Source, dotted
from cs_handouts.content.translate import translation_of
from cs_handouts.content.variants import module_problems
from cs_handouts.content.yamlsource import read_yaml
from cs_handouts.errors import ContentError, Location, Problem, display_path
from cs_handouts.project import Project, outside_message, outside_series
from cs_handouts.text.inline import Blank, link_problems
from cs_handouts.text.markup import TextTemplateError, has_template, render_variables
from cs_handouts.text.suggest import did_you_mean
from cs_handouts.timing.agenda import minutes_mismatch
from cs_handouts.timing.clock import long_date

M = TypeVar("M", bound=BaseModel)
MAX_ID = 80  # as model.Identifier
MAX_EXPANSION = 2_000_000  # characters variables may add to one module (its file is <= 1 MB)


def load_series(project: Project, *, today: dt.date | None = None,
                partial: bool = False, language: str | None = None) -> Series:
    """Read and validate the whole series, or raise one ContentError listing every problem.

    With ``partial``, a problem that belongs to one module (its file, or a shared handout
    it uses) does not stop the others: that module goes to ``Series.broken`` with its
    problems. Problems of ``handouts.yaml`` or of files no module uses still fail the load.
    ``language``: the edition in that language, from the translations beside the files.
    """
    return _Loader(project, partial, language).load(today or dt.date.today())


class _Loader(ScopedProblems):
    """Collects every problem of every file, each under the scope it belongs to, then fails once."""

    def __init__(self, project: Project, partial: bool = False,
                 language: str | None = None) -> None:
        super().__init__()
        self.editions = Editions(self, language)
        self.project = project
        self.partial = partial
        self.warnings: list[Problem] = []
        self.unreadable: set[str] = set()  # ids whose file failed to parse: reported once, there
        self.refused_folder = False
        self.expanded = 0
        self.images: list[Path] = []  # image files the module being checked uses
        self.module_images: dict[str, list[Path]] = {}

    def read(self, path: Path) -> Source | None:
        if outside_series(self.project.root, path):  # never opened: it may be anyone's file
            self.add(Problem(Location(path), "", outside_message(path, self.project.root)))
            return None
        try:
            return read_yaml(path)
        except ContentError as error:
            self.add(*error.problems)
            return None

    def validate(self, model: type[M], source: Source, data: Any, prefix: Path_ = ()) -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as error:
            self.add(*problems_from(error, source, model, prefix))
            return None

    def problem(self, source: Source, path: Path_, message: str, *, key: bool = False) -> None:
        self.add(Problem(source.locate(path, key=key), dotted(path), message))

    def fail_if_problems(self) -> None:
        if self.problems:
            raise ContentError(sorted(set(self.problems)))

    # -- the series ------------------------------------------------------------------

    def load(self, today: dt.date) -> Series:
        config_source = self.read(self.project.config_file)
        config = None
        if config_source is not None:
            config = self.validate(SeriesConfig, config_source, config_source.data)
            if config is not None:
                config_source, config = self.editions.series(config_source, config)
                config = self.fill_footer(config_source, config, today)
            self.check_logo(config_source)
        modules = self.editions.sources(self.read_folder(self.project.modules_dir, "module"),
                                        "module")
        shared = self.editions.sources(self.read_folder(self.project.handouts_dir, "handout"),
                                       "handout")
        for mid, source in modules.items():
            with self.scoped_to(f"module:{mid}"):
                self.validate(Module, source, source.data)
        for hid, source in shared.items():
            with self.scoped_to(f"handout:{hid}"):
                self.validate(Handout, source, source.data)
        if config is None or config_source is None:
            self.fail_if_problems()
            raise AssertionError("an invalid handouts.yaml always has a problem")
        order = self.module_order(config, config_source, modules)
        handouts = {hid: HandoutSource(hid, source, ()) for hid, source in shared.items()}
        checked = {}
        for mid in order:
            with self.scoped_to(f"module:{mid}"):
                checked[mid] = self.check_module(modules[mid], handouts, config, mid, today)
        self.check_numbers(order, modules)
        self.check_sessions(config, config_source, order)
        uses = {mid: [h for h in result[1] if h in shared] for mid, result in checked.items()}
        listed = set(config.modules) if config.modules is not None else None
        broken = self.broken_modules(uses, listed)
        if not self.partial or self.scoped.get(SERIES_SCOPE):
            self.fail_if_problems()
        loaded = []
        for mid, result in checked.items():
            if mid not in broken:
                with self.scoped_to(f"module:{mid}"):
                    loaded.append(self.finish(mid, modules[mid], *result))
        broken = self.broken_modules(uses, listed)
        if not self.partial:
            self.fail_if_problems()
        if config.modules is not None:
            modules_location = config_source.locate(("modules",), key=True)
            series_order = list(dict.fromkeys(config.modules))
        else:
            modules_location = Location(self.project.modules_dir)
            series_order = order
        # A broken module's errors say what to fix first; its warnings would only be noise.
        broken_files = {p.location.file for problems in broken.values() for p in problems}
        warnings = sorted(w for w in self.warnings if w.location.file not in broken_files)
        return Series(self.project, config,
                      [m for m in loaded if m is not None and m.id not in broken],
                      modules_location, warnings, broken,
                      [mid for mid in series_order if mid in modules or mid in broken],
                      config_source)

    def read_folder(self, folder: Path, what: str) -> dict[str, Source]:
        """Read every YAML file of a folder; a file that fails to read is a problem, not a source."""
        sources: dict[str, Source] = {}
        if not folder.is_dir():
            return sources
        if outside_series(self.project.root, folder):
            self.add(Problem(Location(folder), "", outside_message(folder, self.project.root)))
            self.refused_folder = True  # what it would hold is unknown: no "no handout" noise
            return sources
        for path in sorted(folder.iterdir()):
            if path.suffix not in (".yaml", ".yml") or path.name.startswith("."):
                continue
            if translation_of(path) is not None:
                self.editions.found(path, what)
                continue
            if _is_id(path.stem.lower()) and len(path.stem) > MAX_ID:
                # Its output names (<id>.pdf, a temporary name beside it) must fit the file system.
                message = (f"the file name makes a {what} id of {len(path.stem)} characters;"
                           f" ids have at most {MAX_ID}: shorten the file name")
                self.add(Problem(Location(path), "", message))
                continue
            if not _is_id(path.stem):
                message = (f"'{path.stem}' cannot be a {what} id: name the file with lowercase"
                           " letters, digits and hyphens")
                self.add(Problem(Location(path), "", message))
                continue
            with self.scoped_to(f"{what}:{path.stem}"):
                if path.stem in sources:
                    message = (f"a second file for {what} '{path.stem}'"
                               f" ({sources[path.stem].path.name})")
                    self.add(Problem(Location(path), "", message))
                elif (source := self.read(path)) is not None:
                    sources[path.stem] = source
                else:
                    self.unreadable.add(path.stem)
        return sources

    def module_order(self, config: SeriesConfig, source: Source,
                     modules: dict[str, Source]) -> list[str]:
        if config.modules is None:
            return sorted(modules, key=lambda mid: (_number(modules[mid].data), mid))
        order: list[str] = []
        for index, mid in enumerate(config.modules):
            path = ("modules", index)
            if mid in order:
                self.problem(source, path, f"module '{mid}' is listed twice")
            elif mid not in modules and self.broken(mid):
                continue  # its file exists; its own errors are reported already
            elif mid not in modules:
                hint = did_you_mean(mid, modules)
                folder = display_path(self.project.modules_dir)
                self.problem(source, path, f"no file {folder}/{mid}.yaml{hint}")
            else:
                order.append(mid)
        for mid in modules:
            if mid not in order:
                where = Location(modules[mid].path, 1, 1)
                self.warnings.append(Problem(where, "", "warning: not listed under modules: in "
                                             "handouts.yaml, so it is not built"))
        return order

    def broken(self, module_id: str) -> bool:
        folder = self.project.modules_dir
        return any((folder / f"{module_id}{suffix}").is_file() for suffix in (".yaml", ".yml"))

    def check_logo(self, source: Source) -> None:
        """A missing or unreadable logo, found even when other brand keys are wrong."""
        brand = _get(source.data, "brand")
        logo = _get(brand, "logo")
        if isinstance(logo, str) and logo.strip():
            problem = logo_problem(self.project.root, logo.strip())
            if problem:
                self.problem(source, ("brand", "logo"), problem)

    def check_sessions(self, config: SeriesConfig, source: Source, order: list[str]) -> None:
        """Sessions name modules of the series, each once, and breaks follow their modules."""
        scheduled: dict[str, int] = {}
        for number, session in enumerate(config.sessions):
            for index, mid in enumerate(session.modules):
                path = ("sessions", number, "modules", index)
                if mid in scheduled:
                    where = f"session {scheduled[mid] + 1}"
                    self.problem(source, path, f"module '{mid}' is already scheduled in {where}")
                elif mid not in order and not self.broken(mid):
                    self.problem(source, path, f"no module '{mid}'{did_you_mean(mid, order)}")
                scheduled.setdefault(mid, number)
            for index, pause in enumerate(session.breaks):
                if pause.after not in session.modules:
                    modules = ", ".join(session.modules)
                    self.problem(source, ("sessions", number, "breaks", index, "after"),
                                 f"'{pause.after}' is not a module of this session ({modules})")

    def check_numbers(self, order: list[str], modules: dict[str, Source]) -> None:
        first: dict[int, str] = {}
        for mid in order:
            number = _number(modules[mid].data)
            if number is None:
                continue
            if number in first:
                with self.scoped_to(f"module:{mid}"):
                    self.problem(modules[mid], ("number",), f"module {number} is also '{first[number]}'")
            first.setdefault(number, mid)

    # -- one module: references, materials, variables -----------------------------------

    def check_module(self, source: Source, shared: dict[str, HandoutSource],
                     config: SeriesConfig, mid: str, today: dt.date
                     ) -> tuple[Any, dict[str, tuple[HandoutSource, Any]], dict[str, Any]]:
        """Check what the module refers to; return its filled-in data, handouts and context."""
        self.expanded = 0  # characters added by variables to this module and its handouts
        self.images = []
        available = {**shared, **self.inline_handouts(source, shared)}
        used = self.check_references(source, available)
        context = _context(config, source.data, mid, today)
        data = self.fill_variables(source, source.data, (), context)
        filled: dict[str, tuple[HandoutSource, Any]] = {}
        for hid in used:
            hsource = available[hid]
            raw = _at(hsource.source.data, hsource.path)
            filled[hid] = (hsource, self.fill_variables(hsource.source, raw, hsource.path, context))
        self.module_images[mid] = list(dict.fromkeys(self.images))
        return data, filled, context

    def inline_handouts(self, source: Source, shared: dict[str, HandoutSource]
                        ) -> dict[str, HandoutSource]:
        own: dict[str, HandoutSource] = {}
        for index, raw in enumerate(_list(_get(source.data, "handouts"))):
            handout_id = _get(raw, "id")
            if not isinstance(handout_id, str):
                continue
            if handout_id in shared or handout_id in own:
                self.problem(source, ("handouts", index, "id"),
                             f"a handout '{handout_id}' already exists")
            own[handout_id] = HandoutSource(handout_id, source, ("handouts", index))
        return own

    def check_references(self, source: Source, available: dict[str, HandoutSource]) -> list[str]:
        """Check distribute steps and materials; return the handout ids the module uses."""
        distributed: dict[str, None] = {}
        for path, step in _steps(source.data):
            handout_id = _get(step, "distribute")
            if not isinstance(handout_id, str):
                continue
            if handout_id in available:
                distributed.setdefault(handout_id, None)
                if _for_facilitator(available[handout_id]):
                    self.warn(source, (*path, "distribute"),
                              f"warning: '{handout_id}' is for the facilitator (audience:"
                              " facilitator); it is not put in the participant packet")
            elif _is_id(handout_id) and handout_id not in self.unreadable \
                    and not self.refused_folder:
                hint = did_you_mean(handout_id, available)
                self.problem(source, (*path, "distribute"), f"no handout '{handout_id}'{hint}")
        materials = [m for m in _list(_get(source.data, "materials")) if isinstance(m, str)]
        for index, material in enumerate(materials):
            path = ("materials", index)
            if material in available:
                if material not in distributed and not _not_handed_out(available[material]):
                    self.warn(source, path, f"warning: no step distributes '{material}'")
            elif _is_id(material) and material not in self.unreadable and not self.refused_folder:
                hint = did_you_mean(material, available)
                self.problem(source, path, f"no handout '{material}'{hint}")
        for path, step in _steps(source.data):
            handout_id = _get(step, "distribute")
            if handout_id in distributed and handout_id not in materials:
                self.warn(source, (*path, "distribute"),
                          f"warning: '{handout_id}' is distributed but not listed in materials")
        listed = [m for m in materials if m in available and m not in distributed]
        return [*distributed, *listed]

    def warn(self, source: Source, path: Path_, message: str) -> None:
        self.warnings.append(Problem(source.locate(path), dotted(path), message))

    def fill_variables(self, source: Source, value: Any, path: Path_,
                       context: dict[str, Any]) -> Any:
        if isinstance(value, dict):
            return {k: self.fill_variables(source, v, (*path, k), context) for k, v in value.items()}
        if isinstance(value, list):
            return [self.fill_variables(source, v, (*path, i), context) for i, v in enumerate(value)]
        if isinstance(value, str) and has_template(value):
            if self.expanded > MAX_EXPANSION:
                return value  # reported once already
            try:
                filled = render_variables(value, context)
                self.expanded += max(0, len(filled) - len(value))
                if self.expanded > MAX_EXPANSION:
                    # 190,000 uses of a long variable would fill gigabytes, each value short.
                    self.add(Problem(source.locate(path), dotted(path),
                                     f"variables make this module's text more than"
                                     f" {MAX_EXPANSION:,} characters longer; use long"
                                     " variables less often"))
                value = filled
            except TextTemplateError as error:
                location = source.locate(path)
                if error.name:
                    location = source.find(error.name, location)
                self.add(Problem(location, dotted(path), str(error)))
        if isinstance(value, str) and path[-2:] == ("image", "file"):
            return self.image(source, path, value)
        if isinstance(value, str) and "](" in value:
            for message in link_problems(value):
                self.problem(source, path, message)
        return value

    def fill_footer(self, source: Source, config: SeriesConfig, today: dt.date) -> SeriesConfig:
        """The brand's footer with its ``{{ variables }}`` filled in, like every other text.

        It prints on every page of the series, the series documents too: the series'
        variables, not one module's.
        """
        footer = config.brand.footer
        if footer is None or not has_template(footer):
            return config
        context = {name: value for name, value in _context(config, {}, "", today).items()
                   if name not in ("module", "blank")}
        filled = self.fill_variables(source, footer, ("brand", "footer"), context)
        brand = config.brand.model_copy(update={"footer": filled})
        return config.model_copy(update={"brand": brand})

    def image(self, source: Source, path: Path_, written: str) -> str:
        """The image's resolved path inside the series folder; a problem if it has none."""
        resolved, problem = resolve_image(self.project.root, written)
        if resolved is None:
            self.problem(source, path, problem or "unusable image")
            return written
        self.images.append(resolved)
        return str(resolved)

    def finish(self, mid: str, source: Source, data: Any,
               filled: dict[str, tuple[HandoutSource, Any]], context: dict[str, Any]
               ) -> LoadedModule | None:
        """Validate the filled-in module and its handouts into the final model."""
        module = self.validate(Module, source, data)
        handouts: dict[str, Handout] = {}
        for hid, (hsource, raw) in filled.items():
            model = InlineHandout if hsource.path else Handout
            handout = self.validate(model, hsource.source, raw, hsource.path)
            if handout is not None:
                handouts[hid] = handout
        if module is None:
            return None
        for path, message in module_problems(module):
            self.problem(source, path, message)
        mismatch = minutes_mismatch(module)
        if mismatch:
            self.warn(source, ("minutes",), f"warning: {mismatch}")
        shared = sorted({hsource.source.path for hsource, _ in filled.values()} - {source.path})
        shared += self.module_images.get(mid, [])  # a changed picture rebuilds the module too
        sources = {hid: hsource for hid, (hsource, _) in filled.items()}
        originals = self.editions.originals_of([source.path, *shared])
        inputs = (source.path, *shared, *self.editions.original_files([source.path, *shared]))
        return LoadedModule(mid, source.path, module, handouts, context, inputs,
                            source, sources, originals)


def _context(config: SeriesConfig, data: Any, mid: str, today: dt.date) -> dict[str, Any]:
    """The variables text may use: the series', the module's and the project's own."""
    day = config.date or today
    return {
        "organization": config.organization,
        "series": config.title,
        "module": {"id": mid, "number": _number(data) or "", "title": _get(data, "title") or "",
                   "minutes": _get(data, "minutes") or ""},
        "facilitator": config.facilitator or "",
        "date": long_date(day, config.language),  # in the edition's language (Babel)
        "language": config.language,  # clock times and dates are written its way
        **config.variables,
        "blank": Blank(),  # a writing line: kept as written, drawn by the renderers
    }


def _steps(data: Any) -> list[tuple[Path_, Any]]:
    """Every step of the raw module data, with its path, however malformed the rest is."""
    segments: list[tuple[Path_, Any]] = [(("activities", index), activity) for index, activity
                                         in enumerate(_list(_get(data, "activities")))]
    segments.append((("conclusion",), _get(data, "conclusion")))
    return [((*path, "steps", index), step) for path, segment in segments
            for index, step in enumerate(_list(_get(segment, "steps")))]


def _for_facilitator(handout: HandoutSource) -> bool:
    """Whether a handout, as written, says ``audience: facilitator``."""
    raw = _at(handout.source.data, handout.path)
    return isinstance(raw, dict) and raw.get("audience") == "facilitator"


def _not_handed_out(handout: HandoutSource) -> bool:
    """For the facilitator, or ``distribute: false``: no step needs to distribute it."""
    raw = _at(handout.source.data, handout.path)
    shown_only = isinstance(raw, dict) and str(raw.get("distribute")).lower() == "false"
    return shown_only or _for_facilitator(handout)


def _get(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def _list(data: Any) -> list[Any]:
    return data if isinstance(data, list) else []


def _number(data: Any) -> int | None:
    value = _get(data, "number")
    return int(value) if isinstance(value, str) and value.isdigit() else None


def _at(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _is_id(text: str) -> bool:
    return len(text) <= MAX_ID and re.fullmatch(ID_PATTERN, text) is not None
