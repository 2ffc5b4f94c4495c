"""Benchmark: the cold build of one module as a whole process, beside plain ReportLab.

Runs, in alternation so that both see the same machine, `handouts build module4
--force` (the guide, three handouts, the participant packet, their web pages) and
bench/reference_reportlab.py (the same ten pages, PDFs only, plain ReportLab), each as
a new Python process, and prints the median of each and their ratio. With
`--modules 100`, also builds a generated series of that many modules cold.

    .venv/bin/python bench/cold.py [--rounds 7] [--modules 100] [--module-rounds 3]
                                   [--before PATH] [--bytecode]
                                   [--format pdf|html|accessible|all]

The machine is shared: the ratio, measured in one run, is the figure to compare.
With PYTHONDONTWRITEBYTECODE=1 (set in some containers) an editable install compiles
every module of the package from source in every run (about 80 modules); ``--bytecode``
compiles them first, as ``pip install`` does for an installed package.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench import copy_shipped, generate, whole_process  # noqa: E402


def timed(command: list[str], source: Path | None = None) -> float:
    """Seconds the command takes as a whole process (``source``: that checkout's src/)."""
    # The default build is the PDFs and web pages, as the issue measured it: accessible PDFs
    # (WeasyPrint, an optional extra) are timed on their own with --format accessible.
    environment = {**os.environ, "HANDOUTS_ACCESSIBLE": "0"}
    if source:
        environment["PYTHONPATH"] = str(source / "src")
    return whole_process(command, environment)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--modules", type=int, default=0,
                        help="also build a generated series of this many modules cold")
    parser.add_argument("--module-rounds", type=int, default=3,
                        help="builds of the generated series, each cold (default 3)")
    parser.add_argument("--before", type=Path, default=None,
                        help="a checkout of an earlier handouts, timed in the same rounds")
    parser.add_argument("--format", default=None, choices=("pdf", "html", "accessible", "all"),
                        help="passed to handouts build (default: its own, PDFs and web pages)")
    parser.add_argument("--bytecode", action="store_true",
                        help="compile the package's modules first, as pip install does")
    args = parser.parse_args()
    if args.bytecode:
        for checkout in [BENCH.parent, *([args.before] if args.before else [])]:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "src")],
                           check=True, capture_output=True)
    with tempfile.TemporaryDirectory(prefix="handouts-bench-cold-") as scratch:
        series = copy_shipped(Path(scratch) / "series")
        chosen = ["--format", args.format] if args.format else []
        handouts = [sys.executable, "-m", "cs_handouts", "build", "module4", "--force", "-q",
                    *chosen, "--project", str(series)]
        reference = [sys.executable, str(BENCH / "reference_reportlab.py"), str(series),
                     str(Path(scratch) / "reference")]
        timed(handouts)  # fills the OS file cache and Jinja2's bytecode cache once
        timed(reference)
        ours, theirs, earlier = [], [], []
        for _ in range(args.rounds):
            ours.append(timed(handouts))
            theirs.append(timed(reference))
            if args.before:
                earlier.append(timed(handouts, args.before))
        mine, plain = statistics.median(ours), statistics.median(theirs)
        compiled = "bytecode compiled first" if args.bytecode else (
            "compiled from source each run" if os.environ.get("PYTHONDONTWRITEBYTECODE")
            else "bytecode cached")
        print(f"cold build of module4, whole process, median (and best) of {args.rounds}"
              f" (10 pages; handouts' modules {compiled}):")
        if earlier:
            print(f"  before: {args.before}  {statistics.median(earlier):6.3f} s ({min(earlier):.3f})"
                  f"   ratio {statistics.median(earlier) / plain:.2f}")
        what = {"pdf": "PDFs", "html": "web pages", "accessible": "accessible PDFs"}.get(
            args.format or "", "PDFs and web pages")
        print(f"  handouts build module4 --force {' '.join(chosen):16}{mine:6.3f} s ({min(ours):.3f})"
              f"   ({what})")
        print(f"  plain ReportLab, same pages      {plain:6.3f} s ({min(theirs):.3f})   (PDFs only)")
        print(f"  ratio handouts / ReportLab       {mine / plain:6.2f}   (best to best"
              f" {min(ours) / min(theirs):.2f}; target: 1.00 or less)")
        if args.modules:
            _many_modules(args, chosen, Path(scratch))


def _many_modules(args: argparse.Namespace, chosen: list[str], scratch: Path) -> None:
    """The generated series built cold, ``--module-rounds`` times (alternating with the earlier
    handouts, each from an empty output folder): the median wall time, and the CPU time of
    all the build's processes (steadier on a shared machine)."""
    generated = generate(scratch / "generated", args.modules)
    output = generated / "output"
    build_all = [sys.executable, "-m", "cs_handouts", "build", "--all", "-q", *chosen,
                 "--project", str(generated)]
    ours: list[tuple[float, float]] = []
    earlier: list[tuple[float, float]] = []
    for _ in range(args.module_rounds):
        for results, source in ((earlier, args.before), (ours, None)):
            if results is earlier and not args.before:
                continue
            shutil.rmtree(output, ignore_errors=True)
            cpu = _children_cpu()
            seconds = timed(build_all, source)
            results.append((seconds, _children_cpu() - cpu))
    pages = sum(int(line.split()[-1]) for line in subprocess.run(
        ["sh", "-c", f"for f in {output}/*/*.pdf; do pdfinfo $f | grep '^Pages:'; done"],
        capture_output=True, text=True).stdout.splitlines())
    shutil.rmtree(output, ignore_errors=True)
    print(f"{args.modules} generated modules ({pages} pages), cold, --all, median of"
          f" {args.module_rounds} (target: under 10 s):")
    for label, results in (("before", earlier), ("handouts", ours)):
        if results:
            wall = statistics.median(seconds for seconds, _ in results)
            cpu = statistics.median(cpu for _, cpu in results)
            print(f"  {label:8} {wall:6.2f} s   (CPU of all its processes {cpu:6.2f} s)")


def _children_cpu() -> float:
    """User and system CPU seconds of the finished child processes so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime

if __name__ == "__main__":
    main()
