"""``handouts serve`` in the real Chromium: edit -> the page shows it; break -> the error; fix -> back."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from cs_handouts.preview.server import inject
from tests.browser import Browser, Page, find_chromium
from tests.serving import ServeProcess

ERRORS = "document.getElementById('handouts-preview-errors')"


@pytest.fixture
def served(series: Path) -> Iterator[ServeProcess]:
    server = ServeProcess(series)
    try:
        yield server
    finally:
        server.stop()


def until(check: Callable[[], Any], what: str, seconds: float = 20) -> Any:
    """Wait for ``check()`` to be true, at most ``seconds``; its last value."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"after {seconds} s: {what}")
        time.sleep(0.05)


def text_of(page: Page, expression: str) -> str:
    try:
        return str(page.evaluate(f"(() => {{ const e = {expression}; return e ? e.textContent : ''"
                                 " })()") or "")
    except (RuntimeError, OSError):
        return ""  # the page is between two loads


def test_serve_serves_output_only_on_loopback(served: ServeProcess, series: Path) -> None:
    assert served.address.startswith("http://127.0.0.1:")
    status, body = served.get("module4/html/facilitator-guide.html")
    assert status == 200 and b'<script src="/_preview/reload.js"' in body
    on_disk = (series / "output/module4/html/facilitator-guide.html").read_bytes()
    assert b"_preview" not in on_disk  # injected into the response, never into the file
    assert served.get("module4/facilitator-guide.pdf")[1].startswith(b"%PDF")
    status, body = served.get("_preview/pdf/module4/facilitator-guide.pdf")
    assert status == 200 and b'<iframe title="module4/facilitator-guide.pdf"' in body
    assert served.get("../handouts.yaml")[0] == 404
    assert served.get("_preview/pdf/../handouts.yaml")[0] == 404
    assert served.get("%2e%2e/handouts.yaml")[0] == 404


def test_edit_break_and_fix_in_the_browser(served: ServeProcess, series: Path) -> None:
    chromium, why = find_chromium()
    if chromium is None:
        pytest.skip(why)
    module = series / "content" / "modules" / "module4.yaml"
    original = module.read_text(encoding="utf-8")
    browser = Browser(chromium)
    try:
        page = browser.open(served.address + "module4/html/facilitator-guide.html")
        assert "Internal Customer Service" in text_of(page, "document.querySelector('h1')")

        module.write_text(original.replace("title: Internal Customer Service",
                                           "title: Serving Each Other"), encoding="utf-8")
        until(lambda: "Serving Each Other" in text_of(page, "document.querySelector('h1')"),
              "the edited title shows")

        module.write_text(original.replace("minutes: 20", "minutes: ten", 1), encoding="utf-8")
        shown = until(lambda: text_of(page, ERRORS), "the error shows on the page")
        assert ("module4.yaml:3:10: minutes: expected a whole number of minutes or a range such"
                " as 30-45, got 'ten'") in shown
        assert "Serving Each Other" in text_of(page, "document.querySelector('h1')")  # last good

        module.write_text(original.replace("title: Internal Customer Service",
                                           "title: Serving Each Other Again"), encoding="utf-8")
        until(lambda: "Each Other Again" in text_of(page, "document.querySelector('h1')")
              and not text_of(page, ERRORS), "the page recovers")
        assert not page.console_errors()
        page.close()
    finally:
        browser.close()
        served.stop()
    said = [line for line in served.stderr if "got 'ten'" in line]
    assert len(said) == 1  # in the terminal, once
    assert said[0].endswith("module4.yaml:3:10: minutes: expected a whole number of"
                            " minutes or a range such as 30-45, got 'ten'\n")
    assert "Traceback" not in "".join(served.stderr)
    assert served.stdout[-1] == "Stopped.\n"


def test_the_script_goes_before_the_end_of_the_body() -> None:
    page = inject(b"<html><body><p>x</p></body></html>", "html", 7)
    assert page.endswith(b'data-epoch="7"></script></body></html>')
    assert inject(b"<p>x</p>", "pdf", 1).startswith(b"<p>x</p><script")
