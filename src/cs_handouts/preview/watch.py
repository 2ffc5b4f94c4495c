"""``handouts serve``: build, serve output/ on 127.0.0.1, and rebuild after every edit."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from cs_handouts.errors import HandoutsError
from cs_handouts.preview.rebuild import Rebuilt, rebuild
from cs_handouts.preview.server import PreviewServer, PreviewState
from cs_handouts.project import Project

# How long watchfiles waits for more changes after the first one: an editor's save is a
# burst of events within a few milliseconds; the page should reload well within 250 ms.
STEP_MS = 10


def serve(project: Project, output_dir: Path, port: int, *, ready: Callable[[str], None],
          report: Callable[[Rebuilt], None], stop: threading.Event | None = None) -> None:
    """Build, then serve ``output_dir`` and rebuild what each edit touches until ``stop`` or Ctrl-C."""
    from watchfiles import DefaultFilter, watch

    state = PreviewState()

    def published(written: str | None, errors: list[str]) -> None:
        state.publish(written, errors)

    report(rebuild(project, output_dir, published, first=True))
    try:
        server = PreviewServer(output_dir, port, state)
    except OSError as error:
        raise HandoutsError(f"cannot serve on 127.0.0.1:{port}: {error.strerror or error};"
                            " choose another port with --port") from None
    thread = threading.Thread(target=server.serve_forever, name="handouts-serve", daemon=True)
    thread.start()
    ready(server.address)
    output = output_dir.resolve()
    ignored = DefaultFilter()

    def wanted(change: object, path: str) -> bool:
        resolved = Path(path).resolve()
        return (ignored(change, path)  # type: ignore[arg-type]
                and resolved != output and output not in resolved.parents)

    try:
        for _changes in watch(project.root, watch_filter=wanted, step=STEP_MS, stop_event=stop):
            report(rebuild(project, output_dir, published))
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a preview ends
    finally:
        server.shutdown()
        server.server_close()
