"""The Jinja2 templates: the project's ``templates/`` first, the package's built-ins after.

Built-ins are also reachable as ``!builtin/<name>``, so an override can
``{% extends "!builtin/page.html" %}`` and change one block. Every template error
is reported as ``file:line: message`` of the template that caused it.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
)
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel

from cs_handouts import __version__
from cs_handouts.content.media import cell_kind
from cs_handouts.errors import HandoutsError, display_path
from cs_handouts.project import outside_message, outside_series
from cs_handouts.text.catalogs import SOURCE_LANGUAGE, catalog_for, translations
from cs_handouts.text.inline import blank_count
from cs_handouts.text.markup import paragraphs, plain, slug, to_html
from cs_handouts.text.sandbox import BoundedEnvironment
from cs_handouts.text.suggest import did_you_mean

if TYPE_CHECKING:
    from cs_handouts.content.series import LoadedModule

BUILTIN_PREFIX = "!builtin"
LABELS = "labels.txt"


class TemplateProblem(HandoutsError):
    """A mistake in a template, located at the template's file and line."""


class _SeriesLoader(FileSystemLoader):
    """The project's templates folder; a template that resolves outside the series is refused.

    Checked before the file is opened, so a ``templates/x.html`` linked to any file of
    the machine is never read, rendered into a page, or quoted in an error.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.folder = folder

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Any]:
        path = self.folder.joinpath(*split_template_path(template))
        if path.exists() and outside_series(self.folder.parent, path):
            raise TemplateProblem(f"{display_path(path)}: "
                                  f"{outside_message(path, self.folder.parent)}")
        if path.exists() and not path.is_file():  # a pipe or device would block or never end
            raise TemplateProblem(f"{display_path(path)}: not a regular file")
        return super().get_source(environment, template)


def _loader(project_templates: Path | None) -> BaseLoader:
    builtin = PackageLoader("cs_handouts", "templates")
    loaders: list[BaseLoader] = []
    if project_templates is not None and project_templates.is_dir():
        loaders.append(_SeriesLoader(project_templates))
    loaders += [PrefixLoader({BUILTIN_PREFIX: builtin}, delimiter="/"), builtin]
    return ChoiceLoader(loaders)


def environment(project_templates: Path | None, *, html: bool,
                language: str = SOURCE_LANGUAGE) -> SandboxedEnvironment:
    """A sandboxed, strict environment over the project's and the built-in templates.

    One per process and state of the templates folder: an environment keeps its compiled
    templates, and compiling them again for every module of a series cost more than
    laying out its PDFs. A file added, removed or changed in the folder gives a new one.
    """
    return _environment(project_templates, html, _folder_state(project_templates),
                        catalog_for(language) or SOURCE_LANGUAGE)


def _folder_state(folder: Path | None) -> tuple[tuple[str, int, int], ...]:
    if folder is None or not folder.is_dir():
        return ()
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """Jinja2's on-disk cache of compiled templates, skipped where it cannot be written.

    Compiling the ~20 built-in templates costs about 0.2 s, a third of building one
    module; the cache keys each entry by the template's name and source, so an edited
    template is compiled afresh.
    """

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a read-only home or cache folder only costs speed


def cache_folder(kind: str) -> str:
    """The user's folder for what is kept between runs: ``$XDG_CACHE_HOME/cs-handouts/KIND``
    (``~/.cache`` by default): the compiled templates, the fonts' metrics (``facecache.py``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "cs-handouts", kind)


# "bounded": compiled by sandbox.BoundedEnvironment's code generator, never by another.
_BYTECODE_CACHE = _QuietBytecodeCache(cache_folder(f"jinja2-{__version__}-bounded"))


@lru_cache(maxsize=32)
def _environment(project_templates: Path | None, html: bool,
                 state: tuple[tuple[str, int, int], ...], language: str) -> SandboxedEnvironment:
    env = BoundedEnvironment(  # the sandbox, with output, arithmetic and time bounded
        loader=_loader(project_templates), undefined=StrictUndefined,
        autoescape=html, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        extensions=["jinja2.ext.do", "jinja2.ext.i18n"], bytecode_cache=_BYTECODE_CACHE,
    )
    # {% trans %} in the labels: the catalog of the series' (edition's) language.
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["paragraphs"] = paragraphs
    env.filters["plain"] = plain
    env.filters["markup"] = _html_markup
    env.filters["slug"] = slug
    env.filters["cell_kind"] = cell_kind
    env.filters["blanks"] = blank_count
    return env


def _html_markup(value: str, field: str | None = None, first: int = 1) -> Any:
    """``value | markup``; ``value | markup(name)`` makes its blanks inputs named ``name.blankN``."""
    from markupsafe import Markup

    return Markup(to_html(value, field, first))


@contextmanager
def located(name: str) -> Iterator[None]:
    """Turn any error raised while loading or rendering a template into a TemplateProblem."""
    try:
        yield
    except TemplateProblem:
        raise
    except TemplateNotFound as error:
        filename, line = _template_frame(error, name)
        where = f"{_where(filename, line)}: " if line else ""
        raise TemplateProblem(f"{where}template '{error.name}' not found"
                              f" (while rendering '{name}')") from None
    except TemplateSyntaxError as error:
        where = _where(error.filename or name, error.lineno)
        raise TemplateProblem(f"{where}: template syntax: {error.message}") from None
    except (TemplateError, TypeError, ValueError, AttributeError, KeyError, ArithmeticError,
            MemoryError, RecursionError, IndexError) as error:  # range(10**9): OverflowError
        filename, line = _template_frame(error, name)
        kind = "unknown variable" if isinstance(error, UndefinedError) else "template error"
        message = getattr(error, "message", None) or str(error)
        raise TemplateProblem(f"{_where(filename, line)}: {kind}: {message}") from None


def _template_frame(error: BaseException, name: str) -> tuple[str, int | None]:
    """The innermost traceback frame that lies in a template (Jinja2 rewrites them so)."""
    found: tuple[str, int | None] = (name, None)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith((".html", ".txt", ".css", ".j2")):
            found = (frame.filename, frame.lineno)
    return found


def _where(filename: str, line: int | None) -> str:
    shown = display_path(Path(filename)) if Path(filename).is_absolute() else filename
    return f"{shown}:{line}" if line else shown


_BY_IDENTITY = object()  # marks a key part that is an identity, never equal to a value


class Labels:
    """The text labels of the documents: each is a block of ``labels.txt``, rendered on demand.

    ``labels("materials_heading")`` gives "Materials Needed" unless the project's
    ``labels.txt`` changes that block. The result keeps ``**bold**`` markup.
    """

    def __init__(self, project_templates: Path | None, context: dict[str, Any]) -> None:
        self.env = environment(project_templates, html=False,
                               language=str(context.get("language", SOURCE_LANGUAGE)))
        self.context = context
        with located(LABELS):
            self.chain = _inheritance_chain(self.env, LABELS)
            _check_block_names(self.env, tuple(self.chain))
        # Each label asked again with the same values (a story is made again for each layout
        # fitting tries): rendered once.
        self.rendered: dict[tuple[Any, ...], str] = {}
        # A content model (a handout: frozen, but with lists, so no hash) is known by its
        # identity, and kept alive here so that no other object takes that identity meanwhile.
        self._kept: dict[int, Any] = {}

    def __call__(self, block: str, **values: Any) -> str:
        """The label ``block`` filled in with the series' context and ``values``."""
        try:
            key = (block, *sorted((name, self._key(value)) for name, value in values.items()))
            hash(key)
        except TypeError:  # a list or a dict (a template's own, which it may change): each time
            return self._render(block, values)
        if key not in self.rendered:
            self.rendered[key] = self._render(block, values)
        return self.rendered[key]

    def _key(self, value: Any) -> Any:
        """``value`` as part of a key: a frozen content model by identity, anything else itself."""
        if isinstance(value, BaseModel) and value.model_config.get("frozen"):
            self._kept[id(value)] = value
            return (_BY_IDENTITY, id(value))
        return value

    def _render(self, block: str, values: dict[str, Any]) -> str:
        first = self.chain[0]
        with located(LABELS):
            context = first.new_context({**self.context, **values}, shared=False)
            # What {% extends %} does at render time: parents' blocks queue behind the child's.
            for parent in self.chain[1:]:
                for name, render in parent.blocks.items():
                    context.blocks.setdefault(name, []).append(render)
            if block not in context.blocks:
                known = ", ".join(sorted(context.blocks))
                raise TemplateProblem(
                    f"{_where(first.filename or LABELS, None)}: no block '{block}'; start the file"
                    f" with {{% extends \"!builtin/{LABELS}\" %}} to keep the built-in labels"
                    f" (its blocks: {known})")
            try:
                return " ".join(self.env.concat(context.blocks[block][0](context)).split())
            except Exception:
                # As Template.render does: the traceback's lines become the template's own.
                self.env.handle_exception()


@lru_cache(maxsize=8)
def _inheritance_chain(env: SandboxedEnvironment, name: str) -> list[Template]:
    """The template ``name`` and the templates it extends, most derived first."""
    chain: list[Template] = []
    while name and len(chain) < 10:
        chain.append(env.get_template(name))
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        name = _parent_name(env, source)
    return chain


_COMMENT_OR_RAW = re.compile(r"\{#.*?#\}|\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.S)
_EXTENDS = re.compile(r"\{%-?\s*extends\b")


def _parent_name(env: SandboxedEnvironment, source: str) -> str:
    """The template ``source`` extends, by name ("" for none or a computed one)."""
    # Parsing the built-in labels.txt again only to find that it extends nothing took a
    # tenth of a module's build: most templates say "extends" in no tag at all.
    if not _EXTENDS.search(_COMMENT_OR_RAW.sub("", source)):
        return ""
    extends = next(iter(env.parse(source).find_all(nodes.Extends)), None)
    return extends.template.value if extends and isinstance(extends.template, nodes.Const) else ""


@lru_cache(maxsize=8)
def _check_block_names(env: SandboxedEnvironment, chain: tuple[Template, ...]) -> None:
    """A block of the project's labels.txt that no document prints is a misspelling: an error."""
    builtin = env.get_template(f"{BUILTIN_PREFIX}/{LABELS}")
    known = set(builtin.blocks)
    for template in chain:
        if template.filename is None or template is builtin or not Path(template.filename).is_file():
            continue
        if Path(template.filename).resolve() == Path(builtin.filename or "").resolve():
            continue
        source = Path(template.filename).read_text("utf-8")
        for block in env.parse(source).find_all(nodes.Block):
            if block.name not in known:
                where = _where(template.filename, block.lineno)
                raise TemplateProblem(f"{where}: no label block '{block.name}'"
                                      f"{did_you_mean(block.name, known)} (the built-in"
                                      f" {LABELS} lists every block)")


def module_name(loaded: LoadedModule, word: Callable[..., str]) -> str:
    """'Module 4: Internal Customer Service', in the series' language."""
    return word("guide_title", module=loaded.module)
