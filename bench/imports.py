"""Benchmark: import time of `handouts build module4 --force`, beside plain ReportLab's.

Runs both commands of bench/cold.py under ``python -X importtime`` (every import of
the process, also those made while laying out), in alternation, and prints the median
total of each and the packages that cost handouts the most beyond the reference's.
handouts runs on one process here (``--jobs 1``): otherwise the module is rendered in a
second one, started with the command (build/warm.py), whose imports, made meanwhile on
the other core, would be counted with this one's.

    .venv/bin/python bench/imports.py [--rounds 5] [--top 12] [--before PATH]

The package's modules are compiled first, as pip install does (see bench/cold.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench import copy_shipped  # noqa: E402


def imported(command: list[str], source: Path | None = None) -> dict[str, int]:
    """Microseconds each module's own import took in one run of ``command`` (of ``source``/src)."""
    environment = {**os.environ, "HANDOUTS_ACCESSIBLE": "0"}
    if source:
        environment["PYTHONPATH"] = str(source / "src")
    done = subprocess.run([sys.executable, "-X", "importtime", *command], capture_output=True,
                          text=True, env=environment)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    own: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "self [us]" not in line:
            self_us, _, name = line[len("import time:"):].split("|")
            own[name.strip()] = own.get(name.strip(), 0) + int(self_us)
    return own


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--top", type=int, default=12, help="packages listed (0: none)")
    parser.add_argument("--before", type=Path, default=None,
                        help="a checkout of an earlier handouts, measured in the same rounds")
    args = parser.parse_args()
    for checkout in [BENCH.parent, *([args.before] if args.before else [])]:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "src")],
                       check=True, capture_output=True)
    with tempfile.TemporaryDirectory(prefix="handouts-bench-imports-") as scratch:
        series = copy_shipped(Path(scratch) / "series")
        handouts = ["-m", "cs_handouts", "build", "module4", "--force", "-q", "--jobs", "1",
                    "--project", str(series)]
        reference = [str(BENCH / "reference_reportlab.py"), str(series),
                     str(Path(scratch) / "reference")]
        imported(handouts)  # fills the OS file cache once
        ours: list[dict[str, int]] = []
        theirs: list[dict[str, int]] = []
        earlier: list[dict[str, int]] = []
        for _ in range(args.rounds):
            ours.append(imported(handouts))
            theirs.append(imported(reference))
            if args.before:
                earlier.append(imported(handouts, args.before))
    mine = statistics.median(sum(run.values()) for run in ours) / 1e6
    plain = statistics.median(sum(run.values()) for run in theirs) / 1e6
    print(f"import time, whole process, median of {args.rounds} (python -X importtime):")
    if earlier:
        before = statistics.median(sum(run.values()) for run in earlier) / 1e6
        print(f"  before: {args.before}  {before:6.3f} s   ({len(earlier[0])} modules)")
    print(f"  handouts build module4 --force -j1  {mine:6.3f} s   ({len(ours[0])} modules)")
    print(f"  plain ReportLab, same pages         {plain:6.3f} s   ({len(theirs[0])} modules)")
    if args.top:
        # A package's modules that the reference does not import, summed and averaged.
        extra: Counter[str] = Counter()
        for run in ours:
            for name, micros in run.items():
                if name not in theirs[0]:
                    extra[name.split(".")[0]] += micros / args.rounds
        print("  beyond the reference, by package (ms): " + ", ".join(
            f"{name} {micros / 1000:.0f}" for name, micros in extra.most_common(args.top)))


if __name__ == "__main__":
    main()
