"""Output safety: whole files only, nothing outside output/, interrupted and concurrent builds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from cs_handouts.build.output import TEMP_SUFFIX, output_path, write_files
from cs_handouts.errors import HandoutsError
from tests.conftest import BOOKKEEPING, copy_series, opened_files, run_cli

MODULES = 6


def big_series(root: Path) -> Path:
    """The example series: six modules, so that a build takes a while."""
    series = copy_series(root)
    assert len(list((series / "content" / "modules").glob("*.yaml"))) == MODULES
    return series


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file a build wrote (PDF and HTML), with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def pdfs(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.pdf"))


def leftovers(folder: Path) -> list[Path]:
    """Hidden files in output/ other than the lock: temporary files left behind."""
    return [p for p in folder.rglob(".*") if p.is_file() and p.name not in BOOKKEEPING]


def assert_valid_pdfs(folder: Path) -> None:
    for path in pdfs(folder):
        with pikepdf.open(path) as pdf:  # qpdf's own check, bundled with pikepdf
            assert pdf.check_pdf_syntax() == [], path


def start_build(series: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "cs_handouts", "build", "--all", *args],
                            cwd=series, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def finish(build: subprocess.Popen[str]) -> tuple[int, str]:
    """Wait for a build; its exit code and stderr."""
    _, stderr = build.communicate(timeout=180)
    return build.returncode, stderr


def build_ok(series: Path) -> None:
    code, stderr = finish(start_build(series))
    assert code == 0, stderr


def test_files_are_renamed_into_place_and_stale_temporaries_go(series: Path) -> None:
    stale = series / "output" / "module4" / f".facilitator-guide.pdf.x1y2z3{TEMP_SUFFIX}"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"%PDF-1.4 half a file, left by a build that was killed")
    run_cli("build", "module4", "--project", str(series))
    assert not stale.exists()
    assert leftovers(series / "output") == []


@pytest.mark.parametrize("name", ["../escape.pdf", "module4/../../escape.pdf", "/etc/passwd",
                                  "..", "", "a\\b.pdf", "c:evil.pdf"])
def test_output_names_never_leave_the_output_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(HandoutsError, match="refusing to write"):
        output_path(tmp_path / "output", name)


def test_a_link_inside_output_cannot_lead_outside(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "module4").symlink_to(outside)
    with pytest.raises(HandoutsError, match="a link that leads outside"):
        write_files(tmp_path / "output", {"module4/guide.pdf": b"%PDF"})
    assert list(outside.iterdir()) == []


def test_web_fonts_are_written_once_and_linked_into_the_other_modules(tmp_path: Path) -> None:
    series = big_series(tmp_path / "series")
    run_cli("build", "--all", "--jobs", "1", "--project", str(series))
    fonts = sorted((series / "output").glob("module*/html/fonts/NotoSans-Regular.latin.woff2"))
    assert len(fonts) == MODULES
    assert len({font.read_bytes() for font in fonts}) == 1
    assert len({font.stat().st_ino for font in fonts}) == 1  # one file on disk, six names
    assert leftovers(series / "output") == []


def test_a_font_replaced_by_a_link_is_not_linked_to(tmp_path: Path) -> None:
    """A copy links only to a regular file this build wrote that still holds the same bytes."""
    series = big_series(tmp_path / "series")
    run_cli("build", "module1", "--project", str(series))
    font = series / "output" / "module1" / "html" / "fonts" / "NotoSans-Regular.latin.woff2"
    data = font.read_bytes()
    outside = tmp_path / "outside.woff2"
    outside.write_bytes(data)  # the same bytes, outside the output folder
    font.unlink()
    font.symlink_to(outside)
    run_cli("build", "module2", "--project", str(series))
    copy = series / "output" / "module2" / "html" / "fonts" / font.name
    assert not copy.is_symlink() and copy.read_bytes() == data
    assert copy.stat().st_ino != outside.stat().st_ino
    assert outside.stat().st_nlink == 1


def test_a_fonts_folder_replaced_by_a_link_is_neither_read_nor_linked_to(tmp_path: Path) -> None:
    series = big_series(tmp_path / "series")
    run_cli("build", "module1", "--project", str(series))
    fonts = series / "output" / "module1" / "html" / "fonts"
    outside = tmp_path / "outside-fonts"
    fonts.rename(outside)  # the same bytes, now outside the output folder
    fonts.symlink_to(outside, target_is_directory=True)
    with opened_files() as opened:
        run_cli("build", "module2", "--project", str(series))
    assert not [name for name in opened if name.startswith(str(outside))
                or name.startswith(str(fonts))]
    for copy in (series / "output" / "module2" / "html" / "fonts").iterdir():
        assert copy.stat().st_nlink == 1 and not copy.is_symlink()
        assert copy.read_bytes() == (outside / copy.name).read_bytes()
    assert all(font.stat().st_nlink == 1 for font in outside.iterdir())


def _hold_lock(folder: Path) -> subprocess.Popen[str]:
    """Another process holding the output folder's lock, as a build writing there does."""
    folder.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys, time\n"
         f"handle = open({str(folder / '.handouts.lock')!r}, 'a')\n"
         "fcntl.flock(handle, fcntl.LOCK_EX)\nprint('held', flush=True)\ntime.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_a_build_waits_for_the_lock_and_says_so_when_it_gives_up(
        series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    holder = _hold_lock(series / "output")
    try:
        monkeypatch.setattr("cs_handouts.build.output.LOCK_TIMEOUT", 0.3)
        started = time.monotonic()
        result = run_cli("build", "module4", "--project", str(series), expect_ok=False)
        assert result.exit_code == 1
        assert "another build has been writing to " in result.stderr
        assert time.monotonic() - started >= 0.3
        assert not [p for p in (series / "output").rglob("*") if p.is_file()
                    and p.name not in BOOKKEEPING]  # nothing written (folders may be made)
    finally:
        holder.kill()
        holder.communicate()
    # A lock dies with its process, however it ends: the next build goes ahead.
    run_cli("build", "module4", "--project", str(series))
    assert (series / "output" / "module4" / "facilitator-guide.pdf").is_file()


def test_an_output_folder_under_a_file_is_a_clear_error(series: Path) -> None:
    # Tests run as root, where chmod cannot stop a write; a file in the way always does.
    blocker = series / "not-a-folder"
    blocker.write_text("a file", encoding="utf-8")
    result = run_cli("build", "module4", "--project", str(series), "--output",
                     str(blocker / "output"), expect_ok=False)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "cannot create the output folder " in result.stderr
    assert ": Not a directory\n" in result.stderr


def test_a_file_where_the_module_folder_belongs_is_a_clear_error(series: Path) -> None:
    (series / "output").mkdir()
    (series / "output" / "module4").write_text("a file", encoding="utf-8")
    result = run_cli("build", "module4", "--project", str(series), expect_ok=False)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "cannot create the output folder " in result.stderr
    assert "a file of that name is in the way" in result.stderr
    assert (series / "output" / "module4").read_text(encoding="utf-8") == "a file"


@pytest.mark.parametrize("delay", [0.5, 1.2])
@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGKILL],
                         ids=["ctrl-c", "kill-9"])
def test_an_interrupted_build_keeps_previous_outputs_whole(tmp_path: Path, delay: float,
                                                           signal_number: int) -> None:
    series = big_series(tmp_path / "series")
    build_ok(series)
    old = outputs(series / "output")
    config = series / "handouts.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "Maple Valley School District", "Cedar Falls School District"), encoding="utf-8")

    build = start_build(series)
    time.sleep(delay)
    # To the process group, as a terminal's Ctrl-C (or an OOM kill) reaches the build's
    # worker processes too; a worker left behind would hold stderr open forever.
    os.killpg(build.pid, signal_number)
    code, stderr = finish(build)
    assert "Traceback" not in stderr
    interrupted = outputs(series / "output")
    if signal_number == signal.SIGINT:
        assert code in (0, 130, -signal.SIGINT), stderr
        assert leftovers(series / "output") == []
    build_ok(series)  # the next build finishes the job, and cleans up after a kill
    new = outputs(series / "output")
    assert leftovers(series / "output") == []
    assert_valid_pdfs(series / "output")
    assert set(interrupted) == set(old) == set(new)
    assert old != new
    # Every file is whole: the previous version or the new one, never a mix of bytes.
    assert all(interrupted[name] in (old[name], new[name]) for name in interrupted)
    if signal_number == signal.SIGINT:
        # Ctrl-C is held back while a module's files are renamed: a module folder is all
        # old or all new.
        for folder in {name.split("/")[0] for name in interrupted if "/" in name}:
            names = [name for name in interrupted if name.startswith(folder + "/")]
            states = {interrupted[name] == new[name] for name in names
                      if old[name] != new[name]}
            assert len(states) <= 1, folder


def test_two_builds_at_once_both_finish_with_valid_pdfs(tmp_path: Path) -> None:
    series = big_series(tmp_path / "series")
    first, second = start_build(series), start_build(series)
    for build in (first, second):
        code, stderr = finish(build)
        assert code == 0, stderr
    built = outputs(series / "output")
    assert len(pdfs(series / "output")) >= MODULES * 5
    assert leftovers(series / "output") == []
    assert_valid_pdfs(series / "output")
    build_ok(series)
    assert outputs(series / "output") == built  # the same bytes as one build alone


def test_kill_during_build_never_leaves_a_truncated_pdf(tmp_path: Path) -> None:
    series = big_series(tmp_path / "series")
    for delay in (0.6, 1.0):
        build = start_build(series)
        time.sleep(delay)
        os.killpg(build.pid, signal.SIGKILL)
        finish(build)
        assert_valid_pdfs(series / "output")
