"""Headless Debian chromium driven over the DevTools protocol, and axe-core to audit pages.

Tests call :func:`find_chromium` and :func:`find_axe`; both install what is missing
(``apt-get install chromium``, ``npm install axe-core``) and return None only where that
cannot be done, so that the test can skip saying why.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import websocket

AXE_VERSION = "4"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "cs-handouts-tests"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-port=0", "--window-size=1000,1200", "--hide-scrollbars",
]


def find_chromium() -> tuple[str | None, str]:
    """The chromium executable, installing Debian's package if it is missing; or why not."""
    for name in ("chromium", "chromium-browser"):
        if path := shutil.which(name):
            return path, ""
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        return None, "chromium is not installed and apt-get cannot install it (not root)"
    result = subprocess.run([apt, "install", "-y", "-q", "chromium"], capture_output=True,
                            text=True, timeout=900, check=False)
    path = shutil.which("chromium")
    if path is None:
        return None, f"apt-get install chromium failed: {result.stderr.strip()[-300:]}"
    return path, ""


def find_axe() -> tuple[Path | None, str]:
    """axe.min.js from the npm package axe-core, installed into a cache once; or why not."""
    script = CACHE / "node_modules" / "axe-core" / "axe.min.js"
    if script.is_file():
        return script, ""
    npm = shutil.which("npm")
    if npm is None and shutil.which("apt-get") and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-q", "npm"], capture_output=True,
                       timeout=900, check=False)
        npm = shutil.which("npm")
    if npm is None:
        return None, "npm is not installed and cannot be, so axe-core cannot be installed"
    CACHE.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(CACHE),
                             f"axe-core@{AXE_VERSION}"], capture_output=True, text=True,
                            timeout=300, check=False)
    if not script.is_file():
        return None, f"npm install axe-core failed: {result.stderr.strip()[-300:]}"
    return script, ""


class Browser:
    """One headless chromium process with a fresh profile; pages are opened as new targets."""

    def __init__(self, executable: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="handouts-chromium-")
        self.process = subprocess.Popen(
            [executable, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.is_file() or not port_file.read_text().strip():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.05)
        self.port = int(port_file.read_text().splitlines()[0])

    def open(self, url: str) -> Page:
        """A new tab showing ``url``, loaded, with its console watched from the start."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/json/new?about:blank",
                                         method="PUT")
        with urllib.request.urlopen(request, timeout=10) as response:
            target = json.load(response)
        page = Page(target["webSocketDebuggerUrl"], target["id"], self.port)
        page.navigate(url)
        return page

    def close(self) -> None:
        """Stop chromium and remove its profile."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """One tab, spoken to over its DevTools websocket."""

    def __init__(self, url: str, target_id: str, port: int) -> None:
        self.socket = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.target_id, self.port = target_id, port
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer, keeping the events that arrive meanwhile."""
        number = next(self.ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def navigate(self, url: str) -> None:
        """Go to ``url`` and wait for its load event."""
        self.call("Page.navigate", url=url)
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(json.loads(self.socket.recv()))

    def console_errors(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads the page has reported."""
        errors = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append(" ".join(str(a.get("value", a.get("description")))
                                       for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                errors.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                errors.append(params["entry"].get("text", ""))
        return errors

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (awaited if it is a promise)."""
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True,
                           returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"JavaScript error: {result['exceptionDetails']}")
        return result["result"].get("value")

    def axe_violations(self, axe_script: Path) -> list[dict[str, Any]]:
        """axe-core's violations on this page, with every rule axe runs by default."""
        self.evaluate(axe_script.read_text(encoding="utf-8"))
        found: list[dict[str, Any]] = self.evaluate(
            "axe.run(document).then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
            " help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))")
        return found

    def screenshot(self, path: Path) -> None:
        """A PNG of the whole page."""
        metrics = self.call("Page.getLayoutMetrics")["cssContentSize"]
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": metrics["width"],
                               "height": metrics["height"], "scale": 1})["data"]
        path.write_bytes(base64.b64decode(data))

    def print_pdf(self, path: Path, paper: tuple[float, float] = (8.5, 11)) -> None:
        """Print the page as the browser would, on ``paper`` (inches; Letter), into ``path``."""
        data = self.call("Page.printToPDF", paperWidth=paper[0], paperHeight=paper[1],
                         printBackground=True)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        """Close the tab."""
        self.socket.close()
        urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/close/{self.target_id}",
                               timeout=10).close()
