"""Break the example series many ways and count what the build does: a script, not a test.

    python bench/robustness.py [--mutations N] [--hostile N] [--seed S]

Runs every case in tests/data/bad/, then N random mutations of the real module and
handout files (lines deleted, duplicated, swapped or re-indented, tabs, stray
quotes and brackets, bytes that are not UTF-8, emoji, aliases, unknown variables,
files cut short), then N hostile series (``hostile.py``: links out of the series and
out of output/, an edited manifest, template and logo bombs, hostile rosters). Each
build runs in-process on a copy of the series whose output/ holds a previous build.
It counts located errors (every line on stderr is ``file:line:column: ...`` or
``Error: path: ...``), builds that succeeded (the mutation was harmless), tracebacks,
damaged outputs (a failed build that changed output/, a temporary file left behind,
or a PDF that fails qpdf's check), and escapes: a file outside the series and output/
(an "elsewhere" folder the hostile cases link to) that was opened, changed or
deleted. It prints the slowest input and the peak memory beside the plain build.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pikepdf  # noqa: E402
from hostile import HOSTILE, hostile  # noqa: E402
from tests.badcases import elsewhere, load_cases  # noqa: E402
from tests.conftest import BOOKKEEPING, copy_series, opened_files, snapshot, stamps  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from cs_handouts.cli import app  # noqa: E402

# A located line names the file (YAML, a template, the roster, the logo) and, where it can,
# the line: "file:line:column: ", "templates/guide.html:2: ", "content/handouts: " (a folder),
# or "Error: path: ".
LOCATED = re.compile(r"^(module\w*: |series: )?(.+?\.(ya?ml|html|txt|css|csv|svg|png|jpe?g)"
                     r"(:\d+(:\d+)?)?: |[^ :]*/[^ :]+: |Error: .+?: |Aborted: |Failed: )")
# The files module4 is built from (the other modules' files cannot affect its build).
FILES = ["handouts.yaml", "content/modules/module4.yaml",
         "content/handouts/who-are-our-internal-customers.yaml",
         "content/handouts/internal-customer-service-discussion-questions.yaml",
         "content/handouts/reflection-form.yaml"]


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    j = min(i + 1, len(lines) - 1)
    choices = {
        "delete a line": lambda: lines[:i] + lines[i + 1:],
        "duplicate a line": lambda: lines[:i + 1] + lines[i:],
        "swap two lines": lambda: lines[:i] + [lines[j], lines[i]] + lines[j + 1:],
        "indent one space more": lambda: lines[:i] + [b" " + lines[i]] + lines[i + 1:],
        "indent one space less": lambda: lines[:i] + [lines[i][1:]] + lines[i + 1:],
        "a tab at the start": lambda: lines[:i] + [b"\t" + lines[i].lstrip()] + lines[i + 1:],
        "a stray quote": lambda: lines[:i] + [lines[i] + b' "'] + lines[i + 1:],
        "a stray bracket": lambda: lines[:i] + [lines[i].replace(b": ", b": [", 1)] + lines[i + 1:],
        "a Latin-1 byte": lambda: lines[:i] + [lines[i] + b" caf\xe9"] + lines[i + 1:],
        "an emoji": lambda: lines[:i] + [lines[i] + " 🙂".encode()] + lines[i + 1:],
        "an alias": lambda: lines[:i] + [lines[i].replace(b": ", b": *x ", 1)] + lines[i + 1:],
        "an unknown variable": lambda: lines[:i] + [lines[i] + b" {{ nobody }}"] + lines[i + 1:],
        "a sandbox escape": lambda: lines[:i] + [lines[i] + b" {{ ''.__class__ }}"] + lines[i + 1:],
        "a colon in text": lambda: lines[:i] + [lines[i] + b" note: this"] + lines[i + 1:],
        "cut short": lambda: [b"\n".join(lines)[: rng.randrange(len(data) + 1)]],
        "a NUL byte": lambda: lines[:i] + [lines[i] + b"\x00"] + lines[i + 1:],
        "a huge value": lambda: lines[:i] + [lines[i] + b" word" * 4000] + lines[i + 1:],
    }
    name = rng.choice(sorted(choices))
    return name, b"\n".join(choices[name]())


def run(series: Path, args: list[str], counts: dict[str, int], label: str, verbose: bool,
        slowest: list[tuple[float, str]]) -> None:
    before = snapshot(series / "output", BOOKKEEPING)
    outside = stamps(elsewhere(series))
    started = time.perf_counter()
    with opened_files() as opened:
        result = CliRunner().invoke(app, [*args, "--project", str(series)])
    slowest.append((time.perf_counter() - started, label))
    away = elsewhere(series).resolve()
    if stamps(elsewhere(series)) != outside or any(
            Path(f).resolve().is_relative_to(away) for f in opened):
        counts["escapes"] += 1
        print(f"ESCAPE {label}: a file outside the series was opened, changed or deleted")
    after = snapshot(series / "output", BOOKKEEPING)
    temporaries = [name for name in after if name.endswith(".handouts-tmp")]
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        counts["tracebacks"] += 1
        print(f"TRACEBACK {label}: {result.exception!r}")
    elif result.exit_code == 0:
        counts["built"] += 1
        for pdf in sorted((series / "output").rglob("*.pdf")):
            with pikepdf.open(pdf) as document:  # a build that succeeds must leave sound PDFs
                if document.check_pdf_syntax():
                    counts["damaged"] += 1
                    print(f"DAMAGED {label}: {pdf.name}")
    elif all(LOCATED.match(line) for line in result.stderr.splitlines()):
        counts["located"] += 1
        if verbose:
            print(f"{label}: {result.stderr.splitlines()[0]}")
    else:
        counts["unlocated"] += 1
        print(f"NOT LOCATED {label}: {result.stderr!r}")
    # A batch whose series documents failed built its modules: that is no damage.
    partial = "every module was built" in result.stderr
    if (result.exit_code != 0 and after != before and not partial) or temporaries:
        counts["damaged"] += 1
        print(f"DAMAGED {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutations", type=int, default=300)
    parser.add_argument("--hostile", type=int, default=100)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    counts = dict.fromkeys(("located", "built", "unlocated", "tracebacks", "damaged", "escapes"), 0)
    slowest: list[tuple[float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        good = copy_series(Path(tmp) / "good")
        started = time.perf_counter()
        assert CliRunner().invoke(app, ["build", "module4", "--project", str(good)]).exit_code == 0
        reference = time.perf_counter() - started
        reference_memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        cases = load_cases()
        for index in range(len(cases) + options.mutations + options.hostile):
            series = Path(tmp) / f"try{index}"
            shutil.copytree(good, series)
            # No manifest: module4 must be checked again, never skipped as up to date.
            (series / "output" / ".handouts-manifest.json").unlink(missing_ok=True)
            if index < len(cases):
                case = cases[index]
                case.apply(series)
                label = f"case {case.name}"
                args = case.args
            elif index < len(cases) + options.mutations:
                file = rng.choice(FILES)
                what, data = mutate((good / file).read_bytes(), rng)
                (series / file).write_bytes(data)
                label = f"{file}: {what}"
                args = ["build", "module4"]
            else:
                what, args = hostile(series, rng)
                label = f"hostile: {what}"
            run(series, args, counts, label, options.verbose, slowest)
            shutil.rmtree(series, ignore_errors=True)
            shutil.rmtree(elsewhere(series), ignore_errors=True)
    tried = len(cases) + options.mutations + options.hostile
    failed = tried - counts["built"]
    print(f"{tried} inputs: {counts['located']} located errors, {counts['built']} built "
          f"(harmless mutations), {counts['unlocated']} unlocated, "
          f"{counts['tracebacks']} tracebacks, {counts['damaged']} damaged")
    print(f"{failed} bad inputs tried, {counts['located']} located errors, "
          f"{counts['tracebacks']} tracebacks, {counts['damaged']} files damaged, "
          f"{counts['escapes']} reads or writes outside the series ({len(HOSTILE)} hostile kinds)")
    seconds, label = max(slowest)
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"slowest input {seconds:.1f} s ({label}) beside {reference:.1f} s for the plain build;"
          f" peak memory {memory:.0f} MB beside {reference_memory:.0f} MB after the plain build")


if __name__ == "__main__":
    main()
