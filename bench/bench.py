"""Benchmark: build the shipped series and generated series of 10 and 100 modules.

Each build runs as a whole `handouts build --all` process, cold (empty output/) and
incremental (nothing changed, then one module changed). Prints seconds, modules per
second, pages per second and the peak memory of the largest process (the parent or a
worker). Then profiles one module's build in this process and prints the share of
time spent outside ReportLab's layout and writing.

    python bench/bench.py [--sizes 10,100] [--jobs 0] [--repeat 1]

Figures on a shared machine are noisy: run it twice, and compare medians.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
BUILT = re.compile(r"Built (\d+) documents, (\d+) pages")

# Runs one command and prints the peak RSS of it and its descendants (the largest of them).
_MEASURE = textwrap.dedent("""
    import resource, subprocess, sys, time
    started = time.perf_counter()
    done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    import json
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "code": done.returncode,
                      "stdout": done.stdout, "stderr": done.stderr}))
""")


def whole_process(command: list[str], environment: dict[str, str]) -> float:
    """Seconds ``command`` takes as a whole process; a failure stops the benchmark, saying why."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=environment)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    return seconds


def copy_shipped(target: Path) -> Path:
    """The repository's own series."""
    target.mkdir(parents=True)
    shutil.copy(REPO / "handouts.yaml", target / "handouts.yaml")
    shutil.copytree(REPO / "content", target / "content")
    if (REPO / "templates").is_dir():
        shutil.copytree(REPO / "templates", target / "templates")
    return target


def generate(target: Path, count: int) -> Path:
    """A synthetic series of ``count`` modules, each about ten pages, sharing one form."""
    modules = target / "content" / "modules"
    handouts = target / "content" / "handouts"
    modules.mkdir(parents=True)
    handouts.mkdir(parents=True)
    ids = [f"m{n:03d}" for n in range(1, count + 1)]
    (target / "handouts.yaml").write_text(
        "title: Generated Series\norganization: Benchmark District\nmodules: ["
        + ", ".join(ids) + "]\n", encoding="utf-8")
    shutil.copy(REPO / "content/handouts/reflection-form.yaml", handouts / "reflection-form.yaml")
    (target / "handouts.yaml").write_text(
        (target / "handouts.yaml").read_text() + "variables:\n"
        "  professional_learning_office: Office of Professional Learning\n", encoding="utf-8")
    sentence = ("Participants talk about how each interaction with a family, a student or a"
                " colleague builds trust, and what they will do differently tomorrow. ")
    for number, mid in enumerate(ids, start=1):
        chart = {"kind": "worksheet", "title": f"Chart {number}", "fields": ["Name", "Date"],
                 "instructions": sentence, "blocks": [
                     {"chart": {"title": "Who do we serve?", "rows": 12,
                                "columns": ["Who", "What they need", "How we help"]}},
                     {"checklist": ["One thing", "Another thing", "A third", "A fourth"]}]}
        questions = {"kind": "worksheet", "title": f"Questions {number}",
                     "fields": ["Name", "Date"], "blocks": [{"questions": [
                         {"text": f"Question {q}. {sentence}", "lines": 4}
                         for q in range(1, 9)]}]}
        steps = [sentence * 2 for _ in range(4)]
        module = {
            "number": number, "title": f"Generated Module {number}", "minutes": 30,
            "goals": [sentence, sentence],
            "materials": [f"{mid}-chart", f"{mid}-questions", "reflection-form"],
            "script": {"minutes": 5, "text": sentence * 6},
            "activities": [
                {"title": "First Activity", "minutes": 10,
                 "steps": [{"distribute": f"{mid}-chart"}, *steps]},
                {"title": "Second Activity", "minutes": 10,
                 "steps": [{"distribute": f"{mid}-questions"}, *steps]}],
            "conclusion": {"title": "Conclusion", "minutes": 5,
                           "steps": [{"distribute": "reflection-form"}]},
        }
        for folder, name, data in [(handouts, f"{mid}-chart", chart),
                                   (handouts, f"{mid}-questions", questions),
                                   (modules, mid, module)]:
            (folder / f"{name}.yaml").write_text(yaml.safe_dump(data, sort_keys=False,
                                                                allow_unicode=True), "utf-8")
    return target


def run_build(root: Path, jobs: int, *extra: str) -> dict[str, float | str]:
    command = [sys.executable, "-m", "cs_handouts", "build", "--all", "--project", str(root),
               "--jobs", str(jobs), *extra]
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True,
                          text=True, check=True)
    result = json.loads(done.stdout)
    if result["code"] != 0:
        raise SystemExit(f"build failed:\n{result['stderr']}")
    return result


def report(name: str, modules: int, result: dict[str, float | str]) -> None:
    seconds = float(result["seconds"])
    match = BUILT.search(str(result["stdout"]))
    pages = int(match[2]) if match else 0
    built = "nothing rendered" if "Nothing to build" in str(result["stdout"]) else f"{pages} pages"
    print(f"{name:<34} {seconds:7.2f} s {modules / seconds:8.1f} modules/s "
          f"{pages / seconds:8.1f} pages/s {float(result['peak_mb']):7.0f} MB  ({built})")


def bench_series(name: str, root: Path, jobs: int, first_module: Path) -> None:
    modules = len(list((root / "content" / "modules").glob("*.yaml")))
    report(f"{name}: cold", modules, run_build(root, jobs))
    report(f"{name}: nothing changed", modules, run_build(root, jobs))
    text = first_module.read_text(encoding="utf-8")
    first_module.write_text(text.replace("minutes:", "minutes:", 1) + "\n# edited\n", "utf-8")
    report(f"{name}: one module changed", modules, run_build(root, jobs))


def single_module(root: Path) -> None:
    """`handouts build module4` as a whole process, cold."""
    command = [sys.executable, "-m", "cs_handouts", "build", "module4", "--project", str(root),
               "--force"]
    times = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    print(f"{'handouts build module4 (process)':<34} {min(times):7.2f} s (best of 3; "
          f"{', '.join(f'{t:.2f}' for t in times)})")


_SHARE = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import cs_handouts.render.pdf.document as document
    import cs_handouts.render.pdf.packet as packet
    from cs_handouts.build.module import build_module
    from cs_handouts.build.module_output import BuildOptions, series_theme
    from cs_handouts.content.load import load_series
    from cs_handouts.project import Project
    from cs_handouts.render.pdf.styles import make_styles
    from cs_handouts.render.rendered import RenderedPdf

    root, formats = Path(sys.argv[1]), tuple(sys.argv[2].split("+"))
    project = Project(root)
    # Fonts and styles are registered once per process, not per module: leave them out.
    make_styles(series_theme(load_series(project), BuildOptions(root / "output")))
    in_reportlab = 0.0
    depth = 0

    def clocked(function):
        # ReportLab's layout (build_story) and PDF writing (saved), each counted once.
        def timed(*args, **kwargs):
            global in_reportlab, depth
            depth += 1
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                depth -= 1
                if depth == 0:
                    in_reportlab += time.perf_counter() - started
        return timed

    document.build_story = clocked(document.build_story)
    packet.build_story = clocked(packet.build_story)
    RenderedPdf.saved = clocked(RenderedPdf.saved)
    started = time.perf_counter()
    series = load_series(project)
    build_module(series, series.module("module4"), BuildOptions(root / "output", formats=formats))
    total = time.perf_counter() - started
    print(total, in_reportlab)
""")


def profile_one_module(root: Path) -> None:
    """The share of one module's build spent outside ReportLab's layout and writing.

    Timed with a clock around ReportLab's layout (``build_story``) and PDF writing
    (``RenderedPdf.saved``) in a fresh process (median of five), not with cProfile, whose
    overhead falls hardest on the many small calls of loading and templating and so
    overstates their share.
    """
    for formats in ("pdf", "pdf+html"):
        runs = []
        for _ in range(5):
            done = subprocess.run([sys.executable, "-c", _SHARE, str(root), formats],
                                  capture_output=True, text=True, check=True)
            total, render = (float(x) for x in done.stdout.split())
            runs.append((total, render))
        total, render = sorted(runs)[2]
        outside = total - render
        print(f"one module (module4, --format {formats}), fresh process: {total:.3f} s;"
              f" ReportLab layout and writing {render:.3f} s; outside it (load, validate,"
              f" template, plan, HTML, write) {outside:.3f} s = {outside / total:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100", help="generated series sizes")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: cores)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="handouts-bench-") as folder:
        base = Path(folder)
        shipped = copy_shipped(base / "shipped")
        bench_series("shipped series (6 modules)", shipped, args.jobs,
                     shipped / "content/modules/module1.yaml")
        single_module(shipped)
        for size in (int(s) for s in args.sizes.split(",") if s):
            root = generate(base / f"generated-{size}", size)
            bench_series(f"generated, {size} modules", root, args.jobs,
                         root / "content/modules/m001.yaml")
        profile_one_module(shipped)


if __name__ == "__main__":
    main()
