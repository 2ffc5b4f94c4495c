"""A document rendered in a forked copy of this process while this one renders the others.

Building one module (``handouts build module4``) used one core: its facilitator guide,
about half of the rendering, is laid out in a copy of the process (made with fork, so it
has every module, font and template this one has loaded, at no cost) while this process
lays out the handouts, the packet and their web pages; the copy sends back the finished
guide and its web page.

Only where that is safe and cheap: on Linux, with more than one core, and while this
process runs a single thread (forking a process with threads can copy a lock some other
thread holds: the live preview never forks). Whatever goes wrong in the copy (an error in
the content, a crash, a result that cannot be sent) is left to this process, which then
renders the document itself, so its errors are reported as ever.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether a forked copy can render beside this process: Linux, two cores, one thread."""
    return (sys.platform == "linux" and (os.cpu_count() or 1) > 1
            and threading.active_count() == 1)


class Apart(Generic[T]):
    """A document being rendered in a forked copy (or, where forking is not safe, not yet)."""

    def __init__(self, render: Callable[[], T]) -> None:
        self.render = render
        self.pid = 0
        self.read = -1
        if not can_fork():
            return
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no memory or processes to spare: render here, later
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the copy: render, send, and leave without running this process's exit
            code = 1
            try:
                os.close(read)
                data = pickle.dumps(render(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self.pid, self.read = pid, read

    def result(self) -> T:
        """The copy's result once it is done; rendered here if there is no copy or it failed."""
        if not self.pid:
            return self.render()
        with os.fdopen(self.read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        if status == 0 and data:
            try:
                sent: T = pickle.loads(data)  # our own copy's bytes, never a file's
                return sent
            except Exception:  # noqa: BLE001 - a result that did not arrive is made here
                pass
        return self.render()

    def discard(self) -> None:
        """Stop the copy if it still runs (this process failed before it needed the result)."""
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.close(self.read)
            os.waitpid(self.pid, 0)
            self.pid = 0
