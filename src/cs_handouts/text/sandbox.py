"""The Jinja2 environments of the tool: sandboxed, and bounded in time and memory.

Jinja2's sandbox already refuses Python internals (``{{ ''.__class__ }}``). A file
shared from elsewhere could still ask for a gigabyte (``{{ 'x' * 10**9 }}``,
``{{ (['x'*100000]*100000)|join }}``) or compute for minutes (nested ``**``,
``|sum(start=[])``). Both environments here bound:

- every intermediate value: a string, list or number an operator or filter makes may
  weigh at most ``MAX_RESULT`` characters (a list weighs the sum of its items), and a
  whole number at most ``MAX_INT_BITS`` bits (exponents are checked before computing);
- the rendered output, counted while it is produced (``concat``), never joined first;
- the time: a render that runs past its budget is stopped (SIGALRM, main thread only).

``ContentEnvironment`` is for text in content files: variables, filters that change
case or give defaults, and ``{% if %}``; everything else is refused.
``BoundedEnvironment`` is for the project's templates (``templates/*.html``, labels),
which may loop and call methods, within the same bounds.
"""

from __future__ import annotations

import contextlib
import operator
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from cs_handouts.text.inline import Blank

MAX_RESULT = 100_000  # characters (or items) one expression may produce
MAX_EXPONENT = 64
MAX_INT_BITS = 4096  # a whole number of about 1,200 digits; more is never text
MAX_PAGE = 5_000_000  # characters one project template may render (a guide is ~100,000)
TEXT_SECONDS = 1.0  # the time one text value may take to fill in
PAGE_SECONDS = 10.0  # the time one page or label may take to render

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


class TimeBudgetExceeded(SecurityError):
    """A render that ran past its time budget."""


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja2's code generator, with ``a ~ b ~ c`` measured before it is joined."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # As Jinja2 3.1 writes it, with the parts handed to checked_concat before joining.
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write("environment.checked_concat((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write(f"), {join})")


class _Bounded(SandboxedEnvironment):
    """Arithmetic, filters and output bounded in size, and renders bounded in time."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    max_value = MAX_RESULT  # characters any intermediate value may weigh
    max_output = MAX_RESULT
    seconds = TEXT_SECONDS
    code_generator_class = _BoundedCodeGenerator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: _bounded_filter(name, f, self.max_value)
                        for name, f in self.filters.items()}

    def concat(self, chunks: Iterable[str]) -> str:
        """Join the rendered chunks, stopping at ``max_output`` characters or the time budget."""
        parts, total = [], 0
        with time_budget(self.seconds):
            for chunk in chunks:
                total += len(chunk)
                if total > self.max_output:
                    raise SecurityError(f"the result is longer than {self.max_output:,}"
                                        " characters")
                parts.append(chunk)
        return "".join(parts)

    def checked_concat(self, parts: tuple[Any, ...], join: Callable[[Any], Any]) -> Any:
        """``a ~ b ~ c``: the parts measured before they are joined."""
        if sum(_weight(part) for part in parts) > self.max_value:
            raise SecurityError(_too_long(self.max_value))
        return join(parts)

    def call_binop(self, context: Context, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**":
            if _number(right) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"exponents above {MAX_EXPONENT} are not allowed")
            if isinstance(left, int) and isinstance(right, int) and right > 0 \
                    and left.bit_length() * right > MAX_INT_BITS:
                raise SecurityError(_too_large_number())
            return operator.pow(left, right)
        if operator_name == "*":
            if _sized(left) or _sized(right):
                weight = _weight(left) if _sized(left) else _weight(right)
                count = right if _sized(left) else left
                if _number(count) and weight * count > self.max_value:
                    raise SecurityError(_too_long(self.max_value))
            elif isinstance(left, int) and isinstance(right, int) \
                    and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise SecurityError(_too_large_number())
        if operator_name == "+" and _sized(left) and _sized(right):
            if _weight(left) + _weight(right) > self.max_value:
                raise SecurityError(_too_long(self.max_value))
        return super().call_binop(context, operator_name, left, right)


class ContentEnvironment(_Bounded):
    """A sandbox with no loops, no globals, a short list of filters and bounded arithmetic."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.clear()  # range, lipsum, cycler...: nothing text needs
        self.filters = {name: f for name, f in self.filters.items() if name in _SAFE_FILTERS}

    def call_binop(self, context: Context, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "%" and isinstance(left, str):
            raise SecurityError("'%' formatting is not allowed in text")
        return super().call_binop(context, operator_name, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any,  # noqa: N805 - Jinja2's signature
             **kwargs: Any) -> Any:
        # Text has no use for calling anything but blank(20), and str methods such as center()
        # can fill memory.
        if isinstance(__obj, Blank) and not kwargs and len(args) <= 1:
            return __obj(*args)
        raise SecurityError("calling functions or methods is not allowed in text")


class BoundedEnvironment(_Bounded):
    """The sandbox for the project's templates: loops and calls, within the same bounds."""

    max_value = MAX_PAGE  # a page's macros return whole sections: a checklist of 6,000 items
    max_output = MAX_PAGE
    seconds = PAGE_SECONDS

    def call(__self, __context: Context, __obj: Any, *args: Any,  # noqa: N805 - Jinja2's signature
             **kwargs: Any) -> Any:
        # 'x'.ljust(10**9), 'a'.join(...), '{:>999999999}'.format(1): checked before calling.
        for value in (*args, *kwargs.values()):
            if _number(value) and abs(value) > MAX_RESULT:
                raise SecurityError(f"a number above {MAX_RESULT:,} is not allowed here")
        if _weight(__obj) + sum(_weight(v) for v in (*args, *kwargs.values())) > __self.max_value:
            raise SecurityError(_too_long(__self.max_value))
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str) and name in ("join", "replace", "expandtabs", "format"):
            _check_estimate(len(owner) * max(1, sum(_weight(v) for v in args)), __self.max_value)
        result = super().call(__context, __obj, *args, **kwargs)
        if _weight(result) > __self.max_value:
            raise SecurityError(_too_long(__self.max_value))
        return result


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Stop the block with TimeBudgetExceeded after ``seconds`` (only in the main thread).

    An outer budget already running governs an inner one.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return

    def expire(number: int, frame: object) -> None:
        raise TimeBudgetExceeded(f"took longer than {seconds:g} s to render")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _bounded_filter(name: str, function: Callable[..., Any], limit: int) -> Callable[..., Any]:
    """``function`` with its result's size estimated before and checked after."""

    def bounded(*args: Any, **kwargs: Any) -> Any:
        values = [a for a in (*args, *kwargs.values()) if not isinstance(a, Context)]
        for value in values[1:]:
            if _number(value) and abs(value) > MAX_RESULT:
                raise SecurityError(f"|{name}: a number above {MAX_RESULT:,} is not allowed")
        if values and name in _AMPLIFYING:
            subject = values[0]
            rest = sum(_weight(v) for v in values[1:])
            _check_estimate(_weight(subject) + _count(subject) * max(1, rest), limit)
        if name == "sum" and any(_sized(v) for v in values[1:]):
            # sum(start=[]) concatenates in quadratic time; only a few items are text-sized.
            _check_estimate(_count(values[0]) * _count(values[0]), limit)
        result = function(*args, **kwargs)
        if _weight(result) > limit:
            raise SecurityError(_too_long(limit))
        return result

    for attribute in ("jinja_pass_arg",):  # Jinja2 passes the context when the filter asks
        if hasattr(function, attribute):
            setattr(bounded, attribute, getattr(function, attribute))
    return bounded


# Filters whose result can grow with the product of their input and arguments.
_AMPLIFYING = {"join", "replace", "center", "indent", "wordwrap", "format", "batch", "sum",
               "map", "xmlattr", "urlize"}


def _check_estimate(size: int, limit: int) -> None:
    if size > limit * 10:  # generous: an estimate, refused only when far too large
        raise SecurityError(_too_long(limit))


def _count(value: Any) -> int:
    if isinstance(value, str):
        return value.count("\n") + 1
    return len(value) if isinstance(value, (list, tuple, dict, set)) else 1


def _weight(value: Any, budget: int = MAX_PAGE * 10) -> int:
    """Characters a value holds: a string's length; a list's items, added up (capped)."""
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        total = len(value)
        for item in value:
            total += _weight(item, budget - total)
            if total > budget:
                return total
        return total
    if isinstance(value, dict):
        return len(value) + _weight(list(value.values()), budget)
    return 1


def _too_long(limit: int = MAX_RESULT) -> str:
    return f"results longer than {limit:,} characters are not allowed"


def _too_large_number() -> str:
    return f"numbers larger than {MAX_INT_BITS} bits (about 1,200 digits) are not allowed"


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
