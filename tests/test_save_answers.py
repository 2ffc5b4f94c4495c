"""The web form's "Save my answers" in headless chromium: the file it downloads, collected."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import Browser, Page, find_chromium
from tests.conftest import copy_series, run_cli
from tests.test_collect import read_csv

FORM = "reflection-form"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable, why = find_chromium()
    if executable is None:
        pytest.skip(f"no headless chromium: {why}")
    started = Browser(executable)
    yield started
    started.close()


def test_saved_answers_download_offline_and_are_collected(browser: Browser, tmp_path: Path) -> None:
    root = copy_series(tmp_path / "series")
    run_cli("build", "module4", "--format", "html", "--project", str(root))
    page = browser.open((root / "output" / "module4" / "html" / f"{FORM}.html").as_uri())
    try:
        saved = save_answers(page, tmp_path / "downloads")
    finally:
        page.close()
    answers = json.loads(saved.read_text(encoding="utf-8"))
    assert answers["form"] == FORM and answers["language"] == "en-US"
    assert answers["fields"][f"{FORM}.scale1.s1"] == "4"
    assert answers["fields"][f"{FORM}.scale1.s2"] == ""
    assert answers["fields"][f"{FORM}.q1"] == "Listen first, then answer"
    run_cli("collect", "module4", str(saved.parent), "--project", str(root))
    (row,) = read_csv(root / "output" / "module4" / "responses.csv")
    assert row[f"{FORM}.scale1.s1"] == "4" and row[f"{FORM}.info.name--optional"] == "Dana"
    assert row["language"] == "en-US"


def save_answers(page: Page, downloads: Path) -> Path:
    """Fill the form as a participant would, press the button, and wait for the file."""
    downloads.mkdir()
    page.call("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
    page.evaluate(f"""
        document.querySelector('input[name="{FORM}.scale1.s1"][value="4"]').click();
        document.getElementById("{FORM}.q1").value = "Listen first, then answer";
        document.getElementById("{FORM}.info.name--optional").value = "Dana";
        document.getElementById("save-answers").click();
    """)
    saved = downloads / f"{FORM}-answers.json"
    deadline = time.monotonic() + 20
    while not saved.is_file() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert saved.is_file(), list(downloads.iterdir())
    assert page.console_errors() == []
    return saved
