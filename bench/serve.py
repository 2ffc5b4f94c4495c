"""Benchmark: from saving a module file to the reloaded page, with `handouts serve` and Chromium.

Starts `handouts serve` on a copy of the shipped series, opens module4's guide in
headless Chromium, then saves an edited module4.yaml several times and measures, for
each save, the time until the browser has loaded the page showing the edit (the
page's own navigation timing, on the same clock). Beside it, as the reference, the
time one warm in-process build of module4 takes in this run (what a trainer waited
for before, without the reload, the browser and the watcher).

    .venv/bin/python bench/serve.py [--saves 10] [--pause 0.5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.browser import Browser, find_chromium  # noqa: E402
from tests.serving import ServeProcess  # noqa: E402

LOADED_AT = ("(() => { const n = performance.getEntriesByType('navigation')[0];"
             " return [document.querySelector('h1').textContent,"
             " performance.timeOrigin + n.loadEventEnd]; })()")


def warm_build_seconds(series: Path, repeat: int = 5) -> float:
    """The median time of building module4 in this process once it is warm (the reference)."""
    from cs_handouts.build.batch import BatchOptions, build_batch
    from cs_handouts.content.load import load_series
    from cs_handouts.project import find_project

    output = series / "reference-output"
    times = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        loaded = load_series(find_project(series), partial=True)
        build_batch(loaded, ["module4"], BatchOptions(output, jobs=1, force=True))
        times.append(time.perf_counter() - started)
    return statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--pause", type=float, default=0.5,
                        help="seconds between two saves (a save during the previous rebuild's"
                             " PDFs waits for them: accessible PDFs take a second or more)")
    args = parser.parse_args()
    chromium, why = find_chromium()
    if chromium is None:
        sys.exit(f"cannot measure: {why}")
    with tempfile.TemporaryDirectory(prefix="handouts-bench-serve-") as scratch:
        series = Path(scratch) / "series"
        series.mkdir()
        shutil.copy(REPO / "handouts.yaml", series / "handouts.yaml")
        shutil.copytree(REPO / "content", series / "content")
        shutil.copytree(REPO / "templates", series / "templates")
        module = series / "content" / "modules" / "module4.yaml"
        original = module.read_text(encoding="utf-8")
        server = ServeProcess(series)
        browser = Browser(chromium)
        latencies = []
        try:
            page = browser.open(server.address + "module4/html/facilitator-guide.html")
            for number in range(1, args.saves + 1):
                title = f"Internal Customer Service, take {number}"
                time.sleep(args.pause)  # let the previous rebuild's PDFs finish, as between saves
                saved = time.time() * 1000
                module.write_text(original.replace("title: Internal Customer Service",
                                                   f"title: {title}"), encoding="utf-8")
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline:
                    try:
                        shown, loaded_at = page.evaluate(LOADED_AT)
                    except RuntimeError:
                        continue  # between two loads
                    if title in shown and loaded_at:
                        latencies.append(loaded_at - saved)
                        break
                    time.sleep(0.005)
                else:
                    sys.exit(f"save {number}: the page did not show the edit within 20 s")
            page.close()
        finally:
            browser.close()
            server.stop()
        reference = warm_build_seconds(series) * 1000
    print(f"save -> reloaded page, {len(latencies)} saves of module4.yaml, {args.pause:g} s"
          f" apart (ms):")
    print(f"  median {statistics.median(latencies):6.0f}   min {min(latencies):6.0f}"
          f"   max {max(latencies):6.0f}   (target: under 250)")
    print(f"reference, same run: one warm in-process build of module4 (PDFs and pages):"
          f" {reference:6.0f} ms")
    print(f"ratio: {statistics.median(latencies) / reference:.2f} (reload / warm build)")


if __name__ == "__main__":
    main()
