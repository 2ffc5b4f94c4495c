"""Benchmark: what accessible PDFs add to a module 4 build, beside plain ReportLab.

Runs, in alternation so that all see the same machine, each as a new Python process:
`handouts build module4 --force` without the accessible PDFs (HANDOUTS_ACCESSIBLE=0: the
ReportLab PDFs and the web pages), the same with them (what `--format all` does where the
extra is installed), `--format accessible` alone, and bench/reference_reportlab.py (the
same ten ReportLab pages, plain). Then, in this process, where an accessible PDF's time
goes: WeasyPrint's layout, its PDF writing, and our repairs with pikepdf.

    .venv/bin/python bench/accessible.py [--rounds 5]

The machine is shared: compare the figures of one run with each other.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench import copy_shipped, whole_process  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="handouts-bench-accessible-") as scratch:
        series = copy_shipped(Path(scratch) / "series")
        build = [sys.executable, "-m", "cs_handouts", "build", "module4", "--force", "-q",
                 "--project", str(series)]
        runs = {
            "PDFs and web pages (all, accessible left out)": ([*build, "--format", "all"], "0"),
            "PDFs, web pages and accessible PDFs (all)": ([*build, "--format", "all"], "1"),
            "accessible PDFs alone (--format accessible)": ([*build, "--format", "accessible"], "1"),
            "plain ReportLab, the same ten pages": (
                [sys.executable, str(BENCH / "reference_reportlab.py"), str(series),
                 str(Path(scratch) / "reference")], "0"),
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        for command, accessible in runs.values():  # warm the file cache once
            _timed(command, accessible)
        for _ in range(args.rounds):
            for name, (command, accessible) in runs.items():
                times[name].append(_timed(command, accessible))
        medians = {name: statistics.median(values) for name, values in times.items()}
        print(f"module4, whole process, median of {args.rounds}:")
        for name, seconds in medians.items():
            print(f"  {name:<48} {seconds:6.3f} s")
        names = list(medians)
        added = medians[names[1]] - medians[names[0]]
        pages = _accessible_pages(series)
        print(f"  accessible PDFs add {added:.3f} s to the build ({pages} pages:"
              f" {added / pages:.3f} s a page); {medians[names[1]] / medians[names[3]]:.2f}x"
              " plain ReportLab with them, "
              f"{medians[names[0]] / medians[names[3]]:.2f}x without")
        _breakdown(series, args.rounds)


def _timed(command: list[str], accessible: str) -> float:
    """Seconds the command takes as a whole process, with accessible PDFs in --format all or not."""
    return whole_process(command, {**os.environ, "HANDOUTS_ACCESSIBLE": accessible})


def _accessible_pages(series: Path) -> int:
    from pypdf import PdfReader

    folder = series / "output" / "module4" / "accessible"
    return sum(len(PdfReader(path).pages) for path in folder.glob("*.pdf"))


def _breakdown(series: Path, rounds: int) -> None:
    """Where one accessible PDF's time goes, summed over module4's four documents."""
    import weasyprint

    from cs_handouts.build.module_output import BuildOptions, series_theme
    from cs_handouts.content.load import load_series
    from cs_handouts.project import find_project
    from cs_handouts.render.accessible.names import field_names
    from cs_handouts.render.accessible.repair import repair
    from cs_handouts.render.accessible.weasy import _fetcher
    from cs_handouts.render.html import HtmlRenderer
    from cs_handouts.render.templates import Labels

    loaded_series = load_series(find_project(series))
    loaded = loaded_series.module("module4")
    html = HtmlRenderer(loaded_series, series_theme(loaded_series, BuildOptions(series / "output")))
    labels = Labels(loaded_series.project.templates_dir, loaded.context)
    css = html.render("accessible.css", paper="letter").data.decode("utf-8")
    pages = [page.render().data for page in html.module_pages(loaded, labels, None, [])
             if page.filename.endswith(".html") and not page.filename.endswith("index.html")]
    phases: dict[str, list[float]] = {"WeasyPrint layout": [], "WeasyPrint PDF writing": [],
                                      "repairs (pikepdf) and field names (lxml)": []}
    for _ in range(rounds):
        totals = dict.fromkeys(phases, 0.0)
        for page in pages:
            text = page.decode("utf-8").replace("</head>", f"<style>{css}</style></head>", 1)
            started = time.perf_counter()
            document = weasyprint.HTML(string=text, base_url="https://handouts.invalid/html/",
                                       url_fetcher=_fetcher()).render(pdf_forms=True,
                                                                      pdf_variant="pdf/ua-1")
            laid = time.perf_counter()
            data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_forms=True)
            written = time.perf_counter()
            repair(bytes(data), field_names(page))
            done = time.perf_counter()
            totals["WeasyPrint layout"] += laid - started
            totals["WeasyPrint PDF writing"] += written - laid
            totals["repairs (pikepdf) and field names (lxml)"] += done - written
        for name, seconds in totals.items():
            phases[name].append(seconds)
    print(f"in one warm process, module4's {len(pages)} accessible PDFs, median of {rounds}:")
    for name, values in phases.items():
        print(f"  {name:<48} {statistics.median(values):6.3f} s")


if __name__ == "__main__":
    main()
