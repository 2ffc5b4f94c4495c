"""The Jinja2 environment for text in content files: sandboxed, and bounded in time and memory.

Jinja2's sandbox already refuses Python internals (``{{ ''.__class__ }}``). A file
shared from elsewhere could still ask for a gigabyte (``{{ 'x' * 10**9 }}``,
``{{ 'x'|center(10**9) }}``) or loop for hours. Text needs variables, filters that
change case or give defaults, and ``{% if %}``; everything else is refused.
"""

from __future__ import annotations

import operator
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from cs_handouts.text.inline import Blank

MAX_RESULT = 100_000  # characters (or items) one expression may produce
MAX_EXPONENT = 64

_SAFE_FILTERS = {
    "abs", "capitalize", "d", "default", "e", "escape", "first", "float", "int", "join",
    "last", "length", "list", "lower", "max", "min", "reverse", "round", "sort", "string",
    "striptags", "sum", "title", "trim", "truncate", "unique", "upper", "wordcount",
}
_REFUSED_STATEMENTS = {
    nodes.For: "{% for %}", nodes.Macro: "{% macro %}", nodes.CallBlock: "{% call %}",
    nodes.FilterBlock: "{% filter %}", nodes.Include: "{% include %}",
    nodes.Import: "{% import %}", nodes.FromImport: "{% from %}", nodes.Extends: "{% extends %}",
    nodes.Block: "{% block %}", nodes.Assign: "{% set %}", nodes.AssignBlock: "{% set %}",
    nodes.With: "{% with %}",
}


class ContentEnvironment(SandboxedEnvironment):
    """A sandbox with no loops, no globals, a short list of filters and bounded arithmetic."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.clear()  # range, lipsum, cycler...: nothing text needs
        self.filters = {name: f for name, f in self.filters.items() if name in _SAFE_FILTERS}

    def call_binop(self, context: Context, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if _number(right) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"exponents above {MAX_EXPONENT} are not allowed")
            return operator.pow(left, right)
        if operator_name == "*" and (_sized(left) or _sized(right)):
            length = len(left) if _sized(left) else len(right)
            count = right if _sized(left) else left
            if _number(count) and length * count > MAX_RESULT:
                raise SecurityError(f"results longer than {MAX_RESULT} characters are not allowed")
        if operator_name == "%" and isinstance(left, str):
            raise SecurityError("'%' formatting is not allowed in text")
        if operator_name == "+" and _sized(left) and _sized(right):
            if len(left) + len(right) > MAX_RESULT:
                raise SecurityError(f"results longer than {MAX_RESULT} characters are not allowed")
        return super().call_binop(context, operator_name, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any,  # noqa: N805 - Jinja2's signature
             **kwargs: Any) -> Any:
        # Text has no use for calling anything but blank(20), and str methods such as center()
        # can fill memory.
        if isinstance(__obj, Blank) and not kwargs and len(args) <= 1:
            return __obj(*args)
        raise SecurityError("calling functions or methods is not allowed in text")


def refused_statement(template: nodes.Template) -> str | None:
    """The first statement text may not use (``{% for %}``...), or None."""
    for node_type, name in _REFUSED_STATEMENTS.items():
        if template.find(node_type) is not None:
            return name
    return None


def _sized(value: Any) -> bool:
    return isinstance(value, (str, list, tuple))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
