"""Text in the content: ``{{ variables }}`` through sandboxed Jinja2, inline markup to PDF and HTML.

Authors may write ``**bold**`` and ``*italic*``; every other character is text,
so ``&``, ``<`` and ``>`` print as themselves in both outputs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from cs_handouts.text.sandbox import ContentEnvironment, refused_statement
from cs_handouts.text.suggest import closest, did_you_mean
from cs_handouts.text.typography import smart_quotes

_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)
_EMPHASIS = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])", re.DOTALL)
_UNDEFINED_NAME = re.compile(
    r"'(?:[^']*' has no attribute ')?([^']+)' is undefined|has no attribute '([^']+)'"
)


class TextTemplateError(Exception):
    """A variable or template mistake inside one text value; the loader adds the location."""

    def __init__(self, message: str, name: str = "") -> None:
        super().__init__(message)
        self.name = name  # the unknown variable, so the loader can point at it


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    return ContentEnvironment(undefined=StrictUndefined, autoescape=False,
                              keep_trailing_newline=True)


def has_template(value: str) -> bool:
    """Whether a string uses Jinja2 syntax at all (most do not, and skip rendering)."""
    return "{{" in value or "{%" in value or "{#" in value


def render_variables(value: str, context: Mapping[str, Any]) -> str:
    """Fill ``{{ variables }}`` into one text value, or raise TextTemplateError."""
    if not has_template(value):
        return value
    try:
        return _compiled(value).render(context)
    except TextTemplateError:
        raise
    except TemplateSyntaxError as error:
        raise TextTemplateError(f"template syntax: {error.message}") from None
    except UndefinedError as error:
        message, name = _undefined_message(str(error.message), context)
        raise TextTemplateError(message, name) from None
    except SecurityError as error:
        raise TextTemplateError(f"not allowed in text: {error}") from None
    except TemplateError as error:
        raise TextTemplateError(f"template error: {error}") from None
    except Exception as error:  # a filter given the wrong kind of value, say
        raise TextTemplateError(f"template error: {error}") from None


@lru_cache(maxsize=4096)
def _compiled(value: str) -> Template:
    """Check and compile a text value once: shared handouts repeat theirs in every module."""
    environment = _environment()
    refused = refused_statement(environment.parse(value))
    if refused:
        raise TextTemplateError(f"{refused} is not allowed in text; use {{{{ variables }}}}"
                                " and {% if %}")
    return environment.from_string(value)


def _undefined_message(message: str, context: Mapping[str, Any]) -> tuple[str, str]:
    """A message naming the unknown variable with a suggestion, and the variable's name."""
    match = _UNDEFINED_NAME.search(message)
    name = next((g for g in match.groups() if g), "") if match else ""
    if not name:
        return f"unknown variable: {message}", ""
    if "has no attribute" in message:
        fields = {field: f"{key}.{field}" for key, value in context.items()
                  if isinstance(value, Mapping) for field in value}
        field = closest(name, fields)
        hint = f"; did you mean '{fields[field]}'?" if field else ""
        return f"unknown variable '{name}'{hint}", name
    known = sorted(context)
    suggestion = did_you_mean(name, known) or f"; the variables are: {', '.join(known)}"
    return f"unknown variable '{name}'{suggestion}", name


def to_reportlab(value: str) -> str:
    """Inline markup to ReportLab paragraph markup, escaping everything else."""
    escaped = html.escape(smart_quotes(value), quote=False)
    escaped = _STRONG.sub(r"<b>\1</b>", escaped)
    return _EMPHASIS.sub(r"<i>\1</i>", escaped)


def to_html(value: str) -> str:
    """Inline markup to HTML, escaping everything else."""
    escaped = html.escape(smart_quotes(value), quote=True)
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return _EMPHASIS.sub(r"<em>\1</em>", escaped)


def plain(value: str) -> str:
    """The text with inline markup removed, as it reads on the page."""
    return _EMPHASIS.sub(r"\1", _STRONG.sub(r"\1", value))


def paragraphs(value: str) -> list[str]:
    """Split text at blank lines and join each paragraph's lines with spaces."""
    blocks = re.split(r"\n\s*\n", value.strip())
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks if block.strip()]


def slug(text: str) -> str:
    """A form field's name part, the same in the PDF and the web page: 'School or department'
    -> 'school-or-department'."""
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")
