"""Benchmark: one module's editions in five languages, each beside the English reference.

Builds tests/data/languages (module1 and its translations) once per edition, each as a
whole `handouts build` process with --force, and prints seconds and PDF sizes per edition
beside the default (English) edition measured in the same run. The CJK edition pays for
cutting its glyphs out of the system's Noto Sans CJK; Arabic for shaping.

    python bench/languages.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SERIES = REPO / "tests/data/languages"
EDITIONS = ("", "es", "vi", "zh-Hans", "ar", "he")


def build(root: Path, language: str) -> float:
    args = [sys.executable, "-m", "cs_handouts", "build", "module1", "--force", "--quiet",
            "--format", "pdf", "--project", str(root)]
    if language:
        args += ["--language", language]
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "series"
        shutil.copytree(SERIES, root)
        seconds = {edition: statistics.median(build(root, edition) for _ in range(repeat))
                   for edition in EDITIONS}
        reference = seconds[""]
        print(f"{'edition':<10}{'seconds':>9}{'x English':>11}{'guide KB':>10}{'form KB':>9}")
        for edition in EDITIONS:
            out = root / "output/module1" / edition
            guide = (out / "facilitator-guide.pdf").stat().st_size / 1024
            form = (out / "reflection.pdf").stat().st_size / 1024
            print(f"{edition or 'en':<10}{seconds[edition]:>9.2f}{seconds[edition] / reference:>11.2f}"
                  f"{guide:>10.0f}{form:>9.0f}")


if __name__ == "__main__":
    main()
