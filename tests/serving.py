"""A ``handouts serve`` process for tests and benchmarks: started on a free port, stopped after."""

from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any


class ServeProcess:
    """``handouts serve --port 0`` on a series, its output lines collected as they come."""

    def __init__(self, series: Path, *extra: str, timeout: float = 120) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cs_handouts", "serve", "--port", "0", "--project", str(series),
             *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
            env={**_environment(), "PYTHONUNBUFFERED": "1"})
        self.lines: queue.Queue[str] = queue.Queue()
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self.readers = [threading.Thread(target=self._read, args=(stream, seen), daemon=True)
                        for stream, seen in ((self.process.stdout, self.stdout),
                                             (self.process.stderr, self.stderr))]
        for reader in self.readers:
            reader.start()
        self.address = ""
        deadline = time.monotonic() + timeout
        while not self.address:
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError("handouts serve did not start: " + "".join(self.stderr)[-2000:])
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            if match := re.search(r"Serving (http://127\.0\.0\.1:\d+/)", line):
                self.address = match[1]

    def _read(self, stream: Any, seen: list[str]) -> None:
        for line in stream:
            seen.append(line)
            self.lines.put(line)

    def get(self, path: str) -> tuple[int, bytes]:
        """The status and body of ``GET path`` on the server."""
        try:
            with urllib.request.urlopen(self.address + path, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def stop(self) -> None:
        """Stop the server as Ctrl-C would, then for sure."""
        if self.process.poll() is None:
            self.process.send_signal(2)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        for reader in self.readers:
            reader.join(timeout=10)  # the pipes end with the process
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def _environment() -> dict[str, str]:
    import os

    return dict(os.environ)
