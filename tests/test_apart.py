"""One module on two cores: the guide is laid out in a forked copy, and comes out the same."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cs_handouts.build.apart import Apart, can_fork
from tests.conftest import copy_series, run_cli

forking = pytest.mark.skipif(not can_fork(), reason="forks only on Linux, two cores, one thread")


@forking
def test_the_work_is_done_in_another_process_and_comes_back() -> None:
    apart = Apart(lambda: (os.getpid(), b"x" * 300_000))  # more than a pipe holds at once
    pid, data = apart.result()
    assert pid != os.getpid() and data == b"x" * 300_000


@forking
def test_a_failure_in_the_copy_is_met_again_here(tmp_path: Path) -> None:
    tried = tmp_path / "tried"

    def failing() -> None:
        with tried.open("a") as log:
            log.write(f"{os.getpid()}\n")
        raise ValueError("cannot lay this out")

    apart = Apart(failing)
    with pytest.raises(ValueError, match="cannot lay this out"):
        apart.result()  # the copy failed: this process renders, and meets the error itself
    pids = tried.read_text().split()
    assert len(pids) == 2 and pids[1] == str(os.getpid()) and pids[0] != pids[1]


@forking
def test_a_copy_no_longer_needed_is_stopped() -> None:
    apart = Apart(lambda: __import__("time").sleep(60))
    pid = apart.pid
    apart.discard()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # stopped and reaped: no process left behind


def test_one_module_builds_the_same_on_one_core_and_two(tmp_path: Path) -> None:
    root = copy_series(tmp_path / "series")
    run_cli("build", "module4", "--format", "pdf", "--jobs", "1", "--output",
            str(tmp_path / "one"), "--project", str(root))
    run_cli("build", "module4", "--format", "pdf", "--output", str(tmp_path / "two"),
            "--project", str(root))
    for pdf in sorted((tmp_path / "one" / "module4").glob("*.pdf")):
        assert pdf.read_bytes() == (tmp_path / "two" / "module4" / pdf.name).read_bytes(), pdf.name


def test_an_error_in_the_guide_reads_the_same_on_one_core_and_two(tmp_path: Path) -> None:
    root = copy_series(tmp_path / "series")
    module = root / "content" / "modules" / "module4.yaml"
    text = module.read_text()
    old = "      - Allow participants to complete the chart."
    assert old in text
    module.write_text(text.replace(old, "      - say: " + "Say this. " * 900))
    one = run_cli("build", "module4", "--jobs", "1", "--project", str(root), expect_ok=False)
    two = run_cli("build", "module4", "--project", str(root), expect_ok=False)
    assert one.exit_code == two.exit_code == 1
    assert "module4.yaml:" in two.output and "too long to fit on one page" in two.output
    def errors(output: str) -> list[str]:  # what it says, without how long it took
        return [line for line in output.splitlines() if "module4.yaml:" in line
                or line.startswith(("Failed", "Aborted"))]

    assert errors(one.output) == errors(two.output) and errors(two.output)
    assert not (root / "output" / "module4").exists()  # nothing half-written
