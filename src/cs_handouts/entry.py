"""The console script's entry point, light enough that Ctrl-C never shows a traceback.

Importing the CLI (Typer, Jinja2, pydantic) takes a noticeable moment; an interrupt
in that moment would otherwise print Python's KeyboardInterrupt traceback.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading

_command: str | None = None  # the command the console script was given, once run() started


def requested_command() -> str | None:
    """The command named on the console script's command line (None in tests, completion, help)."""
    return _command


def _command_named(arguments: list[str]) -> str | None:
    if os.environ.get("_HANDOUTS_COMPLETE"):
        return None  # shell completion needs every command
    for argument in arguments:
        if not argument.startswith("-"):
            return argument
        if argument in ("--help", "--version", "--install-completion", "--show-completion"):
            return None
    return None


def run() -> None:
    """Start ``handouts``; an interrupt before the CLI is ready exits 130 quietly."""
    global _command
    _command = _command_named(sys.argv[1:])
    # Pydantic looks for plugins (the "pydantic" entry points) in the metadata of every
    # installed distribution before its first model is built: about 4 ms of each start, for
    # plugins that could only watch the content models. A value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _no_plugin_search()
    # One module's build allocates far more than it ever frees, and its cyclic garbage is a
    # megabyte or two: collecting as it goes cost a sixth of the run. Commands that run long
    # (several modules, serve) turn collection back on with cli.app.long_run().
    gc.disable()
    try:
        if _command == "build":  # ReportLab loads in a copy meanwhile (see build/warm.py)
            from cs_handouts.build import warm

            arguments = sys.argv[1:]
            warm.start(arguments[arguments.index(_command):])  # after -q, -v (flags alone)
        from cs_handouts.cli import main

        main()
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
    except SystemExit as done:  # how the CLI always ends, with its exit code
        _leave(done)
        raise
    finally:
        # Python collects every object once more on its way out (73,000 after a build, about
        # a seventh of the run); frozen objects are skipped. Files are closed and written by now.
        gc.freeze()


_PLUGIN_LOADER = "pydantic.plugin._loader"


def _no_plugin_search() -> None:
    """With every pydantic plugin disabled, its plugin loader is not imported at all.

    Importing it imports importlib.metadata (10 ms, 2% of building one module) only for the
    search that PYDANTIC_DISABLE_PLUGINS=__all__ then skips. In its place: a module whose
    ``get_plugins()`` finds none, as the loader's own does; anything else asked of it (a
    later pydantic) imports the real loader and answers from it.
    """
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") != "__all__" or _PLUGIN_LOADER in sys.modules:
        return
    import types

    stand_in = types.ModuleType(_PLUGIN_LOADER)

    def get_plugins() -> tuple[()]:
        return ()

    def real(name: str) -> object:
        if name.startswith("__"):  # what the import system asks of any module
            raise AttributeError(name)
        if sys.modules.get(_PLUGIN_LOADER) is stand_in:
            del sys.modules[_PLUGIN_LOADER]
        import importlib

        return getattr(importlib.import_module(_PLUGIN_LOADER), name)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[_PLUGIN_LOADER] = stand_in


def _leave(done: SystemExit) -> None:
    """End the process now, without Python's teardown of every module (30 ms after a build).

    Only once nothing else runs (no other thread, no profiler or tracer) and the exit code is
    a number: the exit handlers still run, and every file is written and closed by now (the
    output is renamed into place before the command returns); only the freeing of memory
    is skipped.
    """
    code = done.code
    if (code is not None and not isinstance(code, int)) or threading.active_count() > 1:
        return  # a message to print, or a thread to wait for: Python's own way out
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return  # a profiler or coverage tool writes its findings once the process ends
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (handouts list | head): Python's own way out says so
        return
    os._exit(code or 0)
