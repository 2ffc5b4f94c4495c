"""The series' words and its schedule: what each module's clock times and the series
documents share (without ReportLab: the process that only plans a build needs them too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from cs_handouts.content.series import Series
from cs_handouts.render.templates import Labels, module_name
from cs_handouts.text.markup import plain
from cs_handouts.timing.schedule import SessionPlan, plan_sessions, session_starts


def series_words(series: Series) -> Callable[..., str]:
    """The series documents' words: labels.txt in the series' language, as plain text."""
    context = series.modules[0].context if series.modules else {"language": series.config.language}
    labels = Labels(series.project.templates_dir, dict(context))

    def word(block: str, **values: object) -> str:
        return plain(labels(block, **values))

    return word


def series_schedule(series: Series) -> list[SessionPlan]:
    """The sessions of handouts.yaml laid out on the clock (an empty list without sessions)."""
    word = series_words(series)
    titles = {m.id: module_name(m, word) for m in series.modules}
    return plan_sessions(series.config.sessions, _minutes(series), titles, series.config.language,
                         word)


def scheduled_starts(series: Series) -> dict[str, dt.time]:
    """When each scheduled module begins, for the clock times in its guide."""
    return session_starts(series.config.sessions, _minutes(series))


def _minutes(series: Series) -> dict[str, int]:
    """Each module's stated minutes (a range: its lower figure)."""
    return {m.id: int(m.module.minutes) for m in series.modules}
