"""Text in the content: ``{{ variables }}`` through sandboxed Jinja2, inline markup to PDF and HTML.

Authors may write ``**bold**``, ``*italic*``, ``***both***``, ``[links](https://...)`` and
``{{ blank }}`` writing lines (parsed in ``text/inline.py``); every other character is
text, so ``&``, ``<`` and ``>`` print as themselves in both outputs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from cs_handouts.text.inline import Node, parse
from cs_handouts.text.sandbox import ContentEnvironment, refused_statement
from cs_handouts.text.suggest import closest, did_you_mean
from cs_handouts.text.typography import smart_quotes

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


MUTED = "#595959"  # printed link addresses: readable, yet quieter than the text
BLANK_CALLBACK = "blank"  # the canvas callback a FieldParagraph registers for its blanks


def to_reportlab(value: str, field: str | None = None, first: int = 1) -> str:
    """Inline markup to ReportLab paragraph markup, escaping everything else.

    With ``field``, each blank also marks where a form field named ``<field>.blank<N>``
    goes (N counts from ``first``); a FieldParagraph draws those fields.
    """
    counter = [first]
    return "".join(_reportlab(node, field, counter) for node in parse(value))


def _reportlab(node: Node, field: str | None, counter: list[int]) -> str:
    inner = "".join(_reportlab(child, field, counter) for child in node.children)
    if node.kind == "text":
        return html.escape(smart_quotes(node.text), quote=False)
    if node.kind == "em":
        return f"<i>{inner}</i>"
    if node.kind == "strong":
        return f"<b>{inner}</b>"
    if node.kind == "link":
        href = html.escape(node.url, quote=True)
        shown = printed_address(node.url)
        link = f'<a href="{href}"><u>{inner}</u></a>'
        if plain_nodes(node.children).strip() == shown:
            return link  # the text is the address: print it once
        # Paper cannot be clicked, so the address is printed too, quieter than the text.
        return f'{link} <a href="{href}"><font color="{MUTED}">({html.escape(shown)})</font></a>'
    line = "_" * node.width
    if field is None:
        return line
    name = html.escape(f"{field}.blank{counter[0]}", quote=True)
    counter[0] += 1
    return f'<onDraw name="{BLANK_CALLBACK}" label="{name}|{node.width}"/>{line}'


def printed_address(url: str) -> str:
    """The address as printed on paper: an e-mail address without ``mailto:``."""
    return url[len("mailto:"):] if url.lower().startswith("mailto:") else url


def to_html(value: str, field: str | None = None, first: int = 1, label: str = "Blank") -> str:
    """Inline markup to HTML, escaping everything else.

    With ``field``, each blank is a text input named ``<field>.blank<N>`` (as in the PDF),
    labelled ``<label> N``; without, a line to write on.
    """
    counter = [first]
    return "".join(_html(node, field, counter, label) for node in parse(value))


def _html(node: Node, field: str | None, counter: list[int], label: str) -> str:
    inner = "".join(_html(child, field, counter, label) for child in node.children)
    if node.kind == "text":
        return html.escape(smart_quotes(node.text), quote=True)
    if node.kind == "em":
        return f"<em>{inner}</em>"
    if node.kind == "strong":
        return f"<strong>{inner}</strong>"
    if node.kind == "link":
        return f'<a href="{html.escape(node.url, quote=True)}">{inner}</a>'
    if field is None:
        return (f'<span class="blank" style="width: {node.width}ch">'
                f'<span class="visually-hidden">{html.escape(label)}</span></span>')
    name = html.escape(f"{field}.blank{counter[0]}", quote=True)
    text = html.escape(f"{label} {counter[0]}", quote=True)
    counter[0] += 1
    return (f'<input type="text" class="blank" id="{name}" name="{name}" size="{node.width}"'
            f' aria-label="{text}">')


def plain(value: str) -> str:
    """The text with inline markup removed, as it reads on the page."""
    return plain_nodes(parse(value))


def plain_nodes(nodes: tuple[Node, ...] | list[Node]) -> str:
    """The text of parsed nodes: link texts without addresses, blanks as a short line."""
    parts = []
    for node in nodes:
        if node.kind == "text":
            parts.append(node.text)
        elif node.kind == "blank":
            parts.append("___")
        else:
            parts.append(plain_nodes(node.children))
    return "".join(parts)


def paragraphs(value: str) -> list[str]:
    """Split text at blank lines and join each paragraph's lines with spaces."""
    blocks = re.split(r"\n\s*\n", value.strip())
    return [" ".join(line.strip() for line in block.splitlines()) for block in blocks if block.strip()]


# In a translated edition, translated text -> the default language's: field names stay the same.
ORIGINALS: ContextVar[dict[str, str]] = ContextVar("ORIGINALS", default={})  # noqa: B039 - never mutated


def with_plain_text(originals: dict[str, str]) -> dict[str, str]:
    """Translated -> original text, each also without its markup: a choice's value is named
    from its plain text ("**Sí**" -> "sí"), which must lead back to the original's too."""
    plain_pairs: dict[str, str] = {}
    for translated, original in originals.items():
        try:
            plain_pairs.setdefault(plain(translated).strip(), plain(original).strip())
        except ValueError:  # markup the loader reports on its own (a blank's bad width)
            continue
    return {**plain_pairs, **originals}


def slug(text: str) -> str:
    """A form field's name part, the same in the PDF and the web page: 'School or department'
    -> 'school-or-department' (in every language edition: named from the original text)."""
    text = ORIGINALS.get().get(text.strip(), text)
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")
