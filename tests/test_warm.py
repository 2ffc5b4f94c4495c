"""The renderer started with ``handouts build``: ReportLab loads in a copy while the command
line is read, the module is rendered there, and the files come out the same."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cs_handouts.build.apart import can_fork
from cs_handouts.build.warm import _accessible, wanted
from tests.conftest import BOOKKEEPING, snapshot

forking = pytest.mark.skipif(not can_fork(), reason="forks only on Linux, two cores, one thread")

# The console script, which lists the modules this process (not the renderer) ended with.
PROBE = ("import atexit, os, sys\n"
         "parent = os.getpid()\n"
         "atexit.register(lambda: os.getpid() == parent and print('\\n'.join(sorted(sys.modules))))\n"
         "{before}"
         "from cs_handouts.entry import run\n"
         "run()\n")
# Kills the renderer as soon as it is started: the build must go on without it.
KILLED = ("import signal\n"
          "from cs_handouts.build import warm\n"
          "started = warm.start\n"
          "def start_and_kill(arguments):\n"
          "    started(arguments)\n"
          "    os.kill(warm._renderer.pid, signal.SIGKILL)\n"
          "warm.start = start_and_kill\n")

# No renderer is started: the build renders in its own process (and a copy), as before.
NO_RENDERER = ("from cs_handouts.build import warm\n"
               "warm.start = lambda arguments: None\n")


def handouts(*arguments: str, before: str = "", accessible: str = "0"
             ) -> subprocess.CompletedProcess[str]:
    """``handouts ARGUMENTS`` as its own process, in a session of its own: when it has ended,
    no process of that session may be left running."""
    process = subprocess.Popen([sys.executable, "-c", PROBE.format(before=before), *arguments],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "HANDOUTS_ACCESSIBLE": accessible},
                               start_new_session=True)
    stdout, stderr = process.communicate(timeout=120)
    assert not _running_in_session(process.pid), "a process of the build outlived it"
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def _running_in_session(session: int) -> list[str]:
    """The processes of ``session`` still running (not those ended and not yet reaped)."""
    running = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            running.append(stat.parent.name)
    return running


def loaded(done: subprocess.CompletedProcess[str]) -> set[str]:
    return set(done.stdout.split())


def test_only_a_build_of_one_module_on_several_processes_starts_the_renderer() -> None:
    assert wanted(["build", "module4"])
    assert wanted(["build", "--force", "module4", "-q"])
    assert wanted(["build", "--project", "series", "module4", "--format", "pdf"])
    assert wanted(["build", "-o", "out", "--jobs", "2", "module4"])
    assert not wanted(["build", "--project", "module4"])  # a folder, not a module
    assert not wanted(["build", "module4", "module5"])  # the workers render these
    assert not wanted(["build", "--all"])
    assert not wanted(["build"])
    for one in (["--jobs", "1"], ["-j", "1"], ["--jobs=1"], ["-j1"]):
        assert not wanted(["build", "module4", *one])  # one process, as asked
    assert not wanted(["build", "module4", "--help"])
    assert not wanted(["validate"]) and not wanted(["print", "module4"]) and not wanted([])
    # Asked for accessible PDFs, the renderer loads WeasyPrint while it waits.
    assert _accessible(["build", "module4", "--format", "all"])
    assert _accessible(["build", "--format=accessible", "module4"])
    assert not _accessible(["build", "module4", "--format", "pdf"])
    assert not _accessible(["build", "module4"])


@forking
def test_the_module_is_rendered_by_the_renderer_and_comes_out_the_same(series: Path,
                                                                        tmp_path: Path) -> None:
    two = handouts("build", "module4", "--project", str(series))
    assert two.returncode == 0, two.stderr
    assert "reportlab" not in loaded(two)  # this process only read, checked and wrote
    one = handouts("build", "module4", "--jobs", "1", "--output", str(tmp_path / "one"),
                   "--project", str(series))
    assert one.returncode == 0, one.stderr
    assert "reportlab" in loaded(one)  # one process: it rendered the module itself
    built = snapshot(series / "output" / "module4")
    assert built == snapshot(tmp_path / "one" / "module4")
    assert len([name for name in built if name.endswith(".pdf")]) == 5
    assert len([name for name in built if name.endswith(".html")]) == 5


@forking
def test_the_renderer_is_started_after_the_programs_own_options_too(series: Path) -> None:
    done = handouts("-q", "build", "module4", "--project", str(series))
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and "reportlab" not in loaded(done)


@forking
def test_without_its_renderer_the_build_renders_here(series: Path, tmp_path: Path) -> None:
    done = handouts("build", "module4", "--project", str(series), before=KILLED)
    assert done.returncode == 0, done.stderr
    assert "reportlab" in loaded(done)  # the renderer was gone: rendered here instead
    handouts("build", "module4", "--jobs", "1", "--output", str(tmp_path / "one"),
             "--project", str(series))
    assert snapshot(series / "output" / "module4") == snapshot(tmp_path / "one" / "module4")


@forking
def test_an_error_found_by_the_renderer_reads_the_same_as_on_one_process(series: Path) -> None:
    module = series / "content" / "modules" / "module4.yaml"
    text = module.read_text()
    old = "      - Allow participants to complete the chart."
    assert old in text
    module.write_text(text.replace(old, "      - say: " + "Say this. " * 900))  # not one page
    two = handouts("build", "module4", "--project", str(series))
    one = handouts("build", "module4", "--jobs", "1", "--project", str(series))
    assert two.returncode == one.returncode == 1
    assert "module4.yaml:" in two.stderr and "too long to fit on one page" in two.stderr
    assert two.stderr == one.stderr
    assert "Traceback" not in two.stderr
    assert not (series / "output" / "module4").exists()  # nothing half-written
    assert set(snapshot(series / "output")) <= BOOKKEEPING


def test_a_build_of_several_modules_leaves_nothing_running(series: Path) -> None:
    done = handouts("build", "module4", "module5", "--format", "pdf", "--project", str(series))
    assert done.returncode == 0, done.stderr
    assert (series / "output" / "module5" / "facilitator-guide.pdf").is_file()


@forking
def test_a_character_no_font_draws_stops_the_build_the_same_way(series: Path) -> None:
    form = series / "content/handouts/reflection-form.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("title: Reflection",
                                                             "title: Reflection 🙂", 1),
                    encoding="utf-8")
    two = handouts("build", "module4", "--project", str(series))  # checked by the guide's copy
    one = handouts("build", "module4", "--jobs", "1", "--project", str(series))
    assert two.returncode == one.returncode == 1
    assert "reflection-form.yaml:3:19: title: the font cannot print '🙂' (U+1F642)" in two.stderr
    assert two.stderr == one.stderr
    assert not (series / "output" / "module4").exists()


@forking
def test_every_edition_comes_out_as_when_this_process_renders(tmp_path: Path) -> None:
    """The renderer serves one edition after another as this process would render them: the
    Chinese faces cut so far (numbered, per process) are the same, and so are the PDFs."""
    series = tmp_path / "languages"
    shutil.copytree(Path(__file__).parent / "data" / "languages", series)
    done = handouts("build", "module1", "--all-languages", "--format", "pdf",
                    "--project", str(series))
    assert done.returncode == 0, done.stderr
    assert "reportlab" not in loaded(done)
    # A new process that renders by itself (and its copy), as without a renderer: the faces
    # cut so far depend on what the process rendered before, so it starts afresh too.
    here = handouts("build", "module1", "--all-languages", "--format", "pdf", "--output",
                    str(tmp_path / "here"), "--project", str(series), before=NO_RENDERER)
    assert here.returncode == 0, here.stderr
    assert "reportlab" in loaded(here)
    built = snapshot(series / "output" / "module1")
    assert built == snapshot(tmp_path / "here" / "module1")
    assert {"zh-Hans/reflection.pdf", "ar/reflection.pdf", "he/facilitator-guide.pdf"} <= set(built)


@forking
def test_a_theme_mistake_found_while_the_renderer_works_stops_the_build(series: Path) -> None:
    (series / "templates" / "theme.yaml").write_text(
        "font: ComicSans\nsizes:\n  bdy: 12\n", encoding="utf-8")
    two = handouts("build", "module4", "--project", str(series))
    one = handouts("build", "module4", "--jobs", "1", "--project", str(series))
    assert two.returncode == one.returncode == 1
    assert two.stderr == one.stderr
    assert "templates/theme.yaml:3:3: sizes.bdy: unknown key 'bdy'; did you mean 'body'?" in two.stderr
    assert not (series / "output").exists()  # nothing written, not even the output folder


@forking
def test_the_renderer_ends_by_itself_after_its_last_module_and_is_reaped(series: Path) -> None:
    from cs_handouts.build import warm
    from cs_handouts.build.batch import BatchOptions
    from cs_handouts.build.module_output import RenderedModule
    from cs_handouts.content.load import load_series
    from cs_handouts.project import find_project

    loaded_series = load_series(find_project(series, command="build"), partial=True)
    module = next(loaded for loaded in loaded_series.modules if loaded.id == "module4")
    options = dataclasses.replace(BatchOptions(series / "output").for_module(None), apart=True)
    warm.start(["build", "module4"])
    assert warm.running()
    pid = warm._renderer.pid if warm._renderer else 0
    try:
        rendered = warm.render(loaded_series, module, options)
        assert isinstance(rendered, RenderedModule)
        assert "facilitator-guide.pdf" in dict(rendered.documents)
        # Its one module back, it was told to end: it ends without being killed.
        for _ in range(200):
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                break
            time.sleep(0.01)
        else:
            pytest.fail("the renderer did not end by itself")
    finally:
        warm.stop()
    assert not warm.running()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: not left as a zombie either


@forking
def test_accessible_pdfs_come_out_the_same_from_the_renderer(series: Path, tmp_path: Path) -> None:
    two = handouts("build", "module4", "--format", "all", "--project", str(series),
                   accessible="1")
    assert two.returncode == 0, two.stderr
    one = handouts("build", "module4", "--format", "all", "--jobs", "1", "--output",
                   str(tmp_path / "one"), "--project", str(series), accessible="1")
    assert one.returncode == 0, one.stderr
    built = snapshot(series / "output" / "module4")
    assert len([name for name in built if name.startswith("accessible/")]) == 4
    assert built == snapshot(tmp_path / "one" / "module4")


@forking
def test_a_build_with_nothing_to_do_loads_no_content_here(series: Path) -> None:
    first = handouts("build", "module4", "--format", "pdf", "--project", str(series))
    assert first.returncode == 0, first.stderr
    again = handouts("build", "module4", "--format", "pdf", "--project", str(series))
    assert again.returncode == 0, again.stderr
    assert "Nothing to build" in again.stdout
    # The renderer was started (and stopped): this process stopped before loading anything.
    assert not {"cs_handouts.content.model", "reportlab", "jinja2"} & loaded(again)
