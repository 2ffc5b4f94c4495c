"""Terminal output of the CLI: the progress bar and the tables. The only module that uses rich."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from cs_handouts.build.batch import BatchReport
    from cs_handouts.content.series import Series


def _console(stderr: bool = False) -> Console:
    # Wide enough that the tables do not wrap in a pipe or a test's captured output.
    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=None)


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr while modules build (only on a terminal); yields 'one is done'."""
    console = _console(stderr=True)
    bar = Progress(TextColumn("Building"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.description}"), TimeElapsedColumn(),
                   console=console, transient=True, disable=not console.is_terminal,
                   auto_refresh=False)  # no refresh thread: worker processes are forked
    with bar:
        task = bar.add_task("", total=total)

        def advance(module_id: str) -> None:
            bar.update(task, advance=1, description=module_id)
            bar.refresh()

        yield advance


def print_summary(report: BatchReport) -> None:
    """The table of what was built: module, documents, pages, seconds; then the totals."""
    table = Table(title=None, show_edge=False, header_style="bold")
    table.add_column("Module")
    table.add_column("Documents", justify="right")
    table.add_column("Pages", justify="right")
    table.add_column("Seconds", justify="right")
    outcomes = [*report.outcomes, *([report.series] if report.series else [])]
    for outcome in outcomes:
        if outcome.result is not None:
            result = outcome.result
            table.add_row(outcome.module_id, str(len(result.documents)), str(result.pages),
                          f"{result.seconds:.2f}")
        elif outcome.skipped:
            table.add_row(outcome.module_id, "", "", "up to date", style="dim")
        else:
            table.add_row(outcome.module_id, "", "", "failed", style="red")
    console = _console()
    console.print(table)
    built = report.built
    documents = sum(len(o.result.documents) for o in built if o.result)
    pages = sum(o.result.pages for o in built if o.result)
    skipped = sum(1 for o in outcomes if o.skipped)
    line = f"Built {documents} documents, {pages} pages, in {report.seconds:.2f} s"
    line += f"; {skipped} up to date." if skipped else "."
    console.print(line)


def print_series(series: Series, handout_counts: dict[str, int]) -> None:
    """``handouts list``: id, number, title, minutes and handouts of every module."""
    table = Table(show_edge=False, header_style="bold")
    for name, justify in [("Id", "left"), ("Number", "right"), ("Title", "left"),
                          ("Minutes", "right"), ("Handouts", "right")]:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    by_id = {m.id: m for m in series.modules}
    for mid in series.order:
        loaded = by_id.get(mid)
        if loaded is None:
            table.add_row(mid, "", "(has errors: run handouts validate)", "", "", style="red")
            continue
        module = loaded.module
        table.add_row(mid, str(module.number), Text(module.title), str(module.minutes),
                      str(handout_counts[mid]))
    console = _console()
    console.print(Text(series.config.title, style="bold"))
    console.print(table)
    total = sum(m.module.minutes for m in series.modules)
    count = len(series.order)
    console.print(f"{count} module{'' if count == 1 else 's'}, {total} minutes.")
