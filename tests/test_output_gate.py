"""One gate for every write and delete: print sets, series documents, stale files, the manifest.

Each hostile layout points a link (or a manifest entry) at an "elsewhere" folder beside
the series; the tests compare its files' bytes and mtimes before and after.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cs_handouts.build.output import TEMP_SUFFIX
from tests.conftest import copy_series, run_cli, stamps


@pytest.fixture
def built(tmp_path: Path, built_series: Path) -> Path:
    """A series copy with module4 built, and an elsewhere folder holding one file."""
    series = copy_series(tmp_path / "series")
    shutil.copytree(built_series / "output", series / "output")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep me", encoding="utf-8")
    return series


def elsewhere(series: Path) -> Path:
    return series.parent / "elsewhere"


def link_away(link: Path, series: Path) -> None:
    if link.is_dir():
        shutil.rmtree(link)
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(elsewhere(series), target_is_directory=True)


@pytest.mark.parametrize("link", ["output/module4", "output/module4/print"])
def test_print_never_writes_or_deletes_through_a_link(built: Path, link: str) -> None:
    link_away(built / link, built)
    for name in ("sign-in-sheet.pdf", "name-tents.pdf"):  # print would delete these if stale
        (elsewhere(built) / name).write_bytes(b"someone else's file")
    before = stamps(elsewhere(built))
    result = run_cli("print", "module4", "--participants", "3", "--project", str(built),
                     expect_ok=False)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"Error: {built}/output/module4/print/")
    assert result.stderr.endswith(": refusing to write: a folder on its way is a link that leads"
                                  f" outside {built}/output\n")
    assert len(result.stderr.splitlines()) == 1
    assert stamps(elsewhere(built)) == before


def test_series_documents_never_go_through_a_link(built: Path) -> None:
    link_away(built / "output" / "series", built)
    before = stamps(elsewhere(built))
    result = run_cli("build", "--all", "--jobs", "1", "--project", str(built), expect_ok=False)
    assert result.exit_code == 1
    assert f"series: {built}/output/series/overview.pdf: refusing to write: a folder on its way" \
        in result.stderr
    assert stamps(elsewhere(built)) == before


def test_an_output_folder_linked_out_of_the_series_is_refused(built: Path) -> None:
    shutil.rmtree(built / "output")
    link_away(built / "output", built)
    before = stamps(elsewhere(built))
    for args in (["build", "module4"], ["print", "module4", "--participants", "3"]):
        result = run_cli(*args, "--project", str(built), expect_ok=False)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: {built}/output: a link that leads outside the"
                                        " series (to")
        assert "--output" in result.stderr
    assert stamps(elsewhere(built)) == before


@pytest.mark.parametrize("name", ["../../elsewhere/precious.txt", "{abs}", "module4/../../x",
                                  "module4/html/../../../elsewhere/precious.txt"])
def test_the_manifest_is_untrusted(built: Path, name: str) -> None:
    manifest_file = built / "output" / ".handouts-manifest.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    target = name.replace("{abs}", str(elsewhere(built) / "precious.txt"))
    manifest["entries"]["module:module4"]["files"].append({"name": target, "pages": 1, "size": 7})
    manifest_file.write_text(json.dumps(manifest), encoding="utf-8")
    config = built / "handouts.yaml"  # a change, so that module4 is rebuilt
    config.write_text(config.read_text(encoding="utf-8").replace("Maple", "Cedar"), "utf-8")
    before = stamps(elsewhere(built))
    run_cli("build", "module4", "--project", str(built))
    assert stamps(elsewhere(built)) == before


def test_a_stale_file_linked_away_loses_only_its_link(built: Path) -> None:
    stale = built / "output" / "module4" / "html" / "old-handout.html"
    stale.symlink_to(elsewhere(built) / "precious.txt")
    manifest_file = built / "output" / ".handouts-manifest.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    manifest["entries"]["module:module4"]["files"].append(
        {"name": "module4/html/old-handout.html", "pages": 0, "size": 7})
    manifest_file.write_text(json.dumps(manifest), encoding="utf-8")
    before = stamps(elsewhere(built))
    run_cli("build", "module4", "--force", "--project", str(built))
    assert not stale.is_symlink()
    assert stamps(elsewhere(built)) == before


def test_a_lock_file_linked_away_is_never_opened(built: Path) -> None:
    (built / "output" / ".handouts.lock").unlink(missing_ok=True)
    (built / "output" / ".handouts.lock").symlink_to(elsewhere(built) / "precious.txt")
    before = stamps(elsewhere(built))
    run_cli("build", "module4", "--force", "--project", str(built))
    assert stamps(elsewhere(built)) == before


@pytest.mark.parametrize(("built_format", "kept"), [("pdf", ".html"), ("html", ".pdf")])
def test_a_format_not_built_is_left_alone(built: Path, built_format: str, kept: str) -> None:
    folder = built / "output" / "module4"
    others = {p: p.read_bytes() for p in folder.rglob(f"*{kept}")}
    assert others
    run_cli("build", "module4", "--format", built_format, "--project", str(built))
    assert {p: p.read_bytes() for p in folder.rglob(f"*{kept}")} == others
    run_cli("build", "module4", "--format", built_format, "--force", "--project", str(built))
    assert {p: p.read_bytes() for p in folder.rglob(f"*{kept}")} == others


def test_temporaries_a_kill_left_in_print_and_series_are_removed(built: Path) -> None:
    left = [built / "output" / "module4" / "print" / f".sign-in-sheet.pdf.k1ll9{TEMP_SUFFIX}",
            built / "output" / "series" / f".overview.pdf.k1ll9{TEMP_SUFFIX}"]
    for path in left:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF half")
    run_cli("print", "module4", "--participants", "3", "--project", str(built))
    run_cli("build", "--all", "--jobs", "1", "--project", str(built))
    assert not [p for p in left if p.exists()]


def _small_files_only() -> None:
    # Writing past the limit fails with EFBIG, as a full disk fails with ENOSPC.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_a_full_disk_leaves_the_module_all_old_and_says_so_in_one_line(built: Path) -> None:
    folder = built / "output" / "module4"
    old = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    config = built / "handouts.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("Maple", "Cedar"), "utf-8")
    result = subprocess.run([sys.executable, "-m", "cs_handouts", "build", "module4"],
                            cwd=built, capture_output=True, text=True, check=False,
                            preexec_fn=_small_files_only)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("module4: cannot write output/module4/"), result.stderr
    assert lines[0].endswith(": File too large; nothing in output/module4 was changed")
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == old


def test_the_template_cache_honours_xdg_cache_home(built: Path, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path / "home")}
    subprocess.run([sys.executable, "-m", "cs_handouts", "build", "module4", "--force"],
                   cwd=built, env=env, check=True, capture_output=True)
    assert list((tmp_path / "cache" / "cs-handouts").glob("jinja2-*/*"))
    assert not (tmp_path / "home").exists()


@pytest.mark.parametrize(("link", "args"), [
    ("templates", ["template", "copy", "labels.txt"]),
    ("content/modules", ["new", "module", "module9"]),
    ("content/handouts", ["new", "handout", "extra-sheet", "--kind", "worksheet"]),
])
def test_authoring_commands_never_write_through_a_link(built: Path, link: str,
                                                       args: list[str]) -> None:
    link_away(built / link, built)
    before = stamps(elsewhere(built))
    result = run_cli(*args, "--project", str(built), expect_ok=False)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "leads outside the series folder" in result.stderr
    assert stamps(elsewhere(built)) == before
