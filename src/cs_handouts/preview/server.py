"""A small HTTP server for output/ on 127.0.0.1, with a reload script in every page it serves.

The script goes into HTML *responses* only, never into the files (as MkDocs' livereload
does); it long-polls ``/_preview/wait`` and reloads the page once what it shows was
rebuilt, or shows the build's errors over the last good page. ``/_preview/pdf/<file>``
is a page around a built PDF that reloads the same way.
"""

from __future__ import annotations

import html
import json
import mimetypes
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

SCRIPT = "/_preview/reload.js"
WAIT_SECONDS = 20.0  # a long poll answers at the latest after this, and the page asks again


@dataclass
class PreviewState:
    """What the pages ask about: the epoch, when each kind of page was last written, the errors."""

    epoch: int = 0
    written: dict[str, int] = field(default_factory=lambda: {"html": 0, "pdf": 0})
    errors: list[str] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, written: str | None = None, errors: list[str] | None = None) -> None:
        """A new epoch: ``written`` pages ("html" or "pdf") were rewritten, or the errors changed."""
        with self.changed:
            self.epoch += 1
            if written:
                self.written[written] = self.epoch
            if errors is not None:
                self.errors = errors
            self.changed.notify_all()

    def answer(self, watch: str, after: int, timeout: float) -> dict[str, object]:
        """The state once the epoch is past ``after`` (or the timeout passed)."""
        with self.changed:
            self.changed.wait_for(lambda: self.epoch > after, timeout=timeout)
            return {"epoch": self.epoch, "written": self.written.get(watch, 0),
                    "errors": list(self.errors)}


def inject(page: bytes, watch: str, epoch: int) -> bytes:
    """The page with the reload script before ``</body>`` (or at its end)."""
    tag = f'<script src="{SCRIPT}" data-watch="{watch}" data-epoch="{epoch}"></script>'.encode()
    at = page.lower().rfind(b"</body>")
    return page[:at] + tag + page[at:] if at >= 0 else page + tag


def pdf_page(path: str, epoch: int) -> bytes:
    """A page showing the built PDF ``path`` (relative to output/), reloaded after each rebuild."""
    quoted = html.escape(path)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{quoted}</title>'
            '<style>html,body{margin:0;height:100%}iframe{border:0;width:100%;height:100%}</style>'
            f'</head><body><iframe title="{quoted}" src="/{quoted}?v={epoch}"></iframe>'
            '</body></html>').encode()


class PreviewServer(ThreadingHTTPServer):
    """Serves ``root`` (the output folder) on 127.0.0.1 only."""

    daemon_threads = True

    def __init__(self, root: Path, port: int, state: PreviewState) -> None:
        self.root = root.resolve()
        self.state = state
        super().__init__(("127.0.0.1", port), _Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that drops a connection is no error worth a traceback in the terminal."""

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer

    def do_GET(self) -> None:  # noqa: N802  (the name http.server calls)
        url = urlsplit(self.path)
        path = unquote(url.path)
        state = self.server.state
        if path == SCRIPT:
            script = resources.files("cs_handouts.preview").joinpath("reload.js").read_bytes()
            self._send(script, "text/javascript")
        elif path in ("/_preview/wait", "/_preview/state"):
            query = parse_qs(url.query)
            after = int(query.get("epoch", ["-1"])[0]) if path.endswith("wait") else -1
            answer = state.answer(query.get("watch", ["html"])[0], after, WAIT_SECONDS)
            self._send(json.dumps(answer).encode(), "application/json")
        elif path.startswith("/_preview/pdf/"):
            target = path.removeprefix("/_preview/pdf/")
            if self._file(target) is None or not target.endswith(".pdf"):
                self._not_found()
                return
            self._send(inject(pdf_page(target, state.epoch), "pdf", state.epoch), "text/html")
        else:
            self._static(path)

    def _static(self, path: str) -> None:
        file = self._file(path.lstrip("/"))
        if file is not None and file.is_dir():
            file = file / "index.html" if (file / "index.html").is_file() else None
        if file is None and path == "/favicon.ico":
            self._send(b"", "image/x-icon", HTTPStatus.NO_CONTENT)  # no icon, and no error for it
            return
        if file is None or not file.is_file():
            self._not_found()
            return
        data = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind == "text/html":
            data = inject(data, "html", self.server.state.epoch)
        self._send(data, kind)

    def _file(self, relative: str) -> Path | None:
        """The file below output/ that ``relative`` names, or None if it would leave the folder."""
        root = self.server.root
        try:
            candidate = (root / relative).resolve()
        except (OSError, ValueError):
            return None
        if candidate != root and root not in candidate.parents:
            return None
        return candidate if candidate.exists() else None

    def _not_found(self) -> None:
        page = (b"<!DOCTYPE html><html lang=\"en\"><title>Not found</title><body><p>Not found:"
                b" this page is not built (yet). The terminal says why.</p></body></html>")
        self._send(inject(page, "html", self.server.state.epoch), "text/html", HTTPStatus.NOT_FOUND)

    def _send(self, data: bytes, kind: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith("json") else ""
        self.send_header("Content-Type", kind + charset)
        if status != HTTPStatus.NO_CONTENT:
            self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # a reload shows the new build
        self.end_headers()
        try:
            self.wfile.write(data)
        except ConnectionError:
            pass  # the page went away (reloaded, closed) while its long poll waited

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the terminal is for builds and their errors."""
