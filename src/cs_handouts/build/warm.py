"""The renderer started with ``handouts build``: ReportLab loads while the command line is read.

Most of building one module is starting up, one step after another on one core: Typer
reads the command line, pydantic checks the series, then ReportLab, the fonts and the logo
load, and only then are pages laid out. So ``handouts build`` first forks a copy of itself
that imports the content models and ReportLab and reads the body faces on the other core,
then waits. This process meanwhile reads the command line and loads and checks
the series (it never imports ReportLab), hands the module to the copy, and writes the files
the copy sends back. The copy renders the module as this process would have (its guide in
a copy of its own, see ``apart.py``), and never writes a file.

Only where forking is safe and there is a core to spare (``apart.can_fork``), and only for
a build of one module (not ``--all``, not ``--jobs 1``). Whatever goes wrong in the copy (it
crashed or was killed, a result did not arrive) is rendered in this process instead, where
its errors are reported as ever. The copy ignores Ctrl-C (this process handles it), and is
stopped when this process ends or renders by itself.
"""

from __future__ import annotations

import atexit
import os
import pickle
import signal
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, NoReturn

from cs_handouts.build.apart import can_fork

if TYPE_CHECKING:
    from cs_handouts.build.batch import ModuleOutcome
    from cs_handouts.build.module_output import BuildOptions, RenderedModule
    from cs_handouts.content.series import LoadedModule, Series

_LENGTH = struct.Struct("!Q")  # each message: its length, then the pickled object
# The options of `handouts build` that take a value (the rest are flags).
_VALUED = frozenset({"--start", "--output", "-o", "--format", "--variant", "--language", "--jobs",
                     "-j", "--project"})


@dataclass
class _Renderer:
    """The forked copy, and the two pipes to it: modules to render out, rendered modules back."""

    pid: int
    tasks: IO[bytes]
    results: IO[bytes]
    left: int = 1  # modules still to come (see expect)


_renderer: _Renderer | None = None


def wanted(arguments: list[str]) -> bool:
    """Whether ``handouts ARGUMENTS`` builds exactly one module, with more than one process."""
    if not arguments or arguments[0] != "build":
        return False
    named = 0
    option, valued = "", False
    for argument in arguments[1:]:
        if valued:
            valued = False
            if option in ("--jobs", "-j") and argument.strip() == "1":
                return False
            continue
        if argument in ("--all", "--help", "-h", "--jobs=1", "-j1"):
            return False
        if argument in _VALUED:
            option, valued = argument, True
        elif not argument.startswith("-"):
            named += 1
    return named == 1


def start(arguments: list[str]) -> None:
    """Start the renderer if ``handouts ARGUMENTS`` will use it (see :func:`wanted`)."""
    global _renderer
    if _renderer is not None or not wanted(arguments) or not can_fork():
        return
    # Forked before anything else is imported, though both processes import the content
    # models (at the same time, on two cores: no longer for either): a build with nothing
    # to do stops before it needs them (0.13 s, not 0.22).
    tasks_read, tasks_write = os.pipe()
    results_read, results_write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no memory or processes to spare: this process renders, as ever
        for end in (tasks_read, tasks_write, results_read, results_write):
            os.close(end)
        return
    if pid == 0:
        os.close(tasks_write)
        os.close(results_read)
        _serve(tasks_read, results_write, _accessible(arguments))
    os.close(tasks_read)
    os.close(results_write)
    _renderer = _Renderer(pid, os.fdopen(tasks_write, "wb"), os.fdopen(results_read, "rb"))
    atexit.register(stop)


def expect(modules: int) -> None:
    """How many modules this process hands over (one per edition): once the last is back,
    the renderer is told to end, and ends (3-4 ms) while this process writes the files."""
    if _renderer is not None:
        _renderer.left = modules


def running() -> bool:
    """Whether a renderer was started (and is not stopped)."""
    return _renderer is not None


def render(series: Series, loaded: LoadedModule, options: BuildOptions,
           meanwhile: Callable[[], None] | None = None) -> RenderedModule | ModuleOutcome | None:
    """The module rendered by the renderer: its documents, or the outcome of its failure.

    ``meanwhile`` is done here while the renderer renders (its errors are the caller's). None
    when there is no renderer, or it did not send a result: render it here then.
    """
    renderer = _renderer
    if renderer is None:
        return None
    try:
        _send(renderer.tasks, pickle.dumps((series, loaded, options),
                                           protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 - nothing sent: this process renders it instead
        stop()
        return None
    if meanwhile is not None:
        meanwhile()
    try:
        data = _receive(renderer.results)
        if data is not None:
            result: RenderedModule | ModuleOutcome = pickle.loads(data)  # our own copy's bytes
            renderer.left -= 1
            if renderer.left <= 0:
                renderer.tasks.close()  # the renderer reads the end, and ends
            return result
    except Exception:  # noqa: BLE001 - nothing arrived: this process renders it instead
        pass
    stop()
    return None


def stop() -> None:
    """Stop the renderer (this process is done, or renders by itself from now on), and reap
    it: no process is left behind, not even one ended and unreaped."""
    global _renderer
    renderer, _renderer = _renderer, None
    if renderer is None:
        return
    for pipe in (renderer.tasks, renderer.results):
        try:
            pipe.close()
        except OSError:
            pass
    try:
        if os.waitpid(renderer.pid, os.WNOHANG) != (0, 0):
            return  # ended by itself (told so by expect) and reaped now
        os.kill(renderer.pid, signal.SIGKILL)
        os.waitpid(renderer.pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass


def _accessible(arguments: list[str]) -> bool:
    """Whether ``handouts ARGUMENTS`` asks for accessible PDFs (``--format accessible|all``)."""
    asked = [value for option, value in zip(arguments, arguments[1:], strict=False)
             if option == "--format"]
    asked += [argument.partition("=")[2] for argument in arguments
              if argument.startswith("--format=")]
    return any(value in ("accessible", "all") for value in asked)


def _serve(tasks: int, results: int, accessible: bool) -> NoReturn:
    """The copy: load what rendering needs, then render each module sent, until told to stop.

    With accessible PDFs asked for, WeasyPrint too (0.4 s), as this process checks that
    it loads: the copy's copy (apart.py) shares it."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the other process's to handle
        quiet = os.open(os.devnull, os.O_RDWR)
        for end in (0, 1):  # a pipe on stdout (handouts build | less) is not kept open by it
            os.dup2(quiet, end)
        os.close(quiet)
        from cs_handouts.build.batch import render_one
        from cs_handouts.build.module import read_body_faces

        read_body_faces()
        if accessible:
            from cs_handouts.render.accessible import load_problem

            load_problem()  # what cannot load is reported by the other process
        with os.fdopen(tasks, "rb") as inbox, os.fdopen(results, "wb") as outbox:
            while (message := _receive(inbox)) is not None:
                series, loaded, options = pickle.loads(message)  # from the process that forked it
                _send(outbox, pickle.dumps(render_one(series, loaded, options),
                                           protocol=pickle.HIGHEST_PROTOCOL))
        code = 0
    finally:
        os._exit(code)


def _send(pipe: IO[bytes], data: bytes) -> None:
    pipe.write(_LENGTH.pack(len(data)))
    pipe.write(data)
    pipe.flush()


def _receive(pipe: IO[bytes]) -> bytes | None:
    """The next message, or None once the other end is closed."""
    head = pipe.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(head)
    data = pipe.read(length)
    return data if len(data) == length else None
