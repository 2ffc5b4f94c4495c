"""``handouts collect``: a module's filled forms into responses.csv and evaluation.pdf."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Spacer

from cs_handouts.build.output import write_files
from cs_handouts.collect.editions import edition_aliases, line_up
from cs_handouts.collect.form import Form, describe_form
from cs_handouts.collect.responses import Collected, collect_folder
from cs_handouts.collect.summary import Counted, FormSummary, responses_csv, summarize
from cs_handouts.content.series import LoadedModule, Series
from cs_handouts.content.theme_file import load_theme
from cs_handouts.errors import HandoutsError
from cs_handouts.render.pdf.bars import CountBars
from cs_handouts.render.pdf.document import DocumentInfo, Part, render_pdf
from cs_handouts.render.pdf.parts import heading
from cs_handouts.render.pdf.styles import Styles, make_styles
from cs_handouts.render.pdf.text import Paragraph
from cs_handouts.render.templates import Labels
from cs_handouts.text.markup import plain, to_reportlab

CSV_NAME = "responses.csv"
REPORT_NAME = "evaluation.pdf"


@dataclass(frozen=True)
class CollectResult:
    """What collecting wrote, how many responses it read, and the files it skipped."""

    written: list[Path]
    responses: int
    skipped: list[tuple[str, str]]


def module_forms(loaded: LoadedModule, labels: Labels) -> list[Form]:
    """The module's forms (handouts of kind form), in the module's order."""
    other = labels("choice_other").rstrip(":")
    return [describe_form(handout, hid, other) for hid, handout in loaded.handouts.items()
            if handout.kind == "form"]


def collect_module(series: Series, module_id: str, folder: Path, output_dir: Path) -> CollectResult:
    """Read the answers in ``folder`` and write the module's CSV and evaluation report."""
    loaded = series.module(module_id)
    if not folder.is_dir():
        raise HandoutsError(f"{folder}: not a folder of filled forms")
    labels = Labels(series.project.templates_dir, loaded.context)
    forms = module_forms(loaded, labels)
    if not forms:
        raise HandoutsError(f"{module_id} has no form to collect (no handout of kind: form)")
    collected = collect_folder(folder, forms)
    # Answers from another language edition: its names and choices line up with the default's.
    aliases = edition_aliases(forms, edition_forms(series, module_id))
    collected.responses = line_up(collected.responses, aliases)
    csv_data = responses_csv(forms, collected.responses)
    pdf = evaluation_pdf(series, loaded, labels, forms, collected)
    # Through the output gate, like every output: both files or neither, never outside output/.
    written = write_files(output_dir, {f"{module_id}/{CSV_NAME}": csv_data,
                                      f"{module_id}/{REPORT_NAME}": pdf})
    return CollectResult(written, len(collected.responses), collected.skipped)


def edition_forms(series: Series, module_id: str) -> list[list[Form]]:
    """The module's forms as each other language edition describes them (translated names)."""
    from cs_handouts.content.editions import is_default
    from cs_handouts.content.load import load_series

    config = series.config
    editions = []
    for code in config.languages or []:
        if is_default(code, config):
            continue
        try:
            edition = load_series(series.project, partial=True, language=code)
            loaded = edition.module(module_id)
        except HandoutsError:
            continue  # an edition that does not load: its answers keep their own values
        editions.append(module_forms(loaded, Labels(series.project.templates_dir, loaded.context)))
    return editions


def evaluation_pdf(series: Series, loaded: LoadedModule, labels: Labels, forms: list[Form],
                   collected: Collected) -> bytes:
    """The report: per form, the responses counted, ratings and choices charted, words listed."""
    config = series.config
    styles = make_styles(load_theme(series.project.templates_dir, config.brand))
    module_name = plain(labels("guide_title"))  # "Module 4: Internal Customer Service"
    parts = []
    for form in forms:
        summary = summarize(form, collected.responses)
        title = labels("evaluation_title", form=form.title)
        parts.append(Part(title, evaluation_story(summary, title, module_name, labels, styles)))
    if collected.skipped:
        story: list[Flowable] = [heading(labels("evaluation_skipped"), styles.heading, 0)]
        story += [Paragraph(f"<b>{escape(name)}</b>: {escape(why)}", styles.body)
                  for name, why in collected.skipped]
        parts[-1].story.extend([Spacer(1, styles.theme.spacing.section), *story])
    document = plain(labels("evaluation_document", module_name=module_name))
    info = DocumentInfo(title=document, subject=f"{config.title}: {document}",
                        author=config.brand.name or config.organization,
                        header=labels("page_header"), language=config.language,
                        keywords=(config.title, module_name, document),
                        footer=config.brand.footer or "",
                        logo=series.logo)
    return render_pdf(parts, info, styles, config.paper).data


def evaluation_story(summary: FormSummary, title: str, module_name: str, labels: Labels,
                     styles: Styles) -> list[Flowable]:
    """One form's part of the report."""
    story: list[Flowable] = [heading(title, styles.title, 0), Paragraph(module_name, styles.subtitle),
                             Paragraph(to_reportlab(labels("evaluation_responses",
                                                           count=summary.responses)), styles.body),
                             Spacer(1, styles.theme.spacing.section)]
    group = None
    for item in summary.items:
        if isinstance(item, Counted) and item.group and item.group != group:
            story.append(heading(item.group, styles.heading, 1))
        group = item.group if isinstance(item, Counted) else None
        if isinstance(item, Counted):
            figures = labels("evaluation_counts", answered=item.answered, blank=item.blank,
                             mean=f"{item.mean:.2f}" if item.mean is not None else "")
            story.append(KeepTogether([
                Paragraph(f"<b>{escape(item.question)}</b>", styles.body),
                CountBars(item.labels, item.counts, styles),
                Paragraph(to_reportlab(figures), styles.muted),
                Spacer(1, styles.theme.spacing.paragraph * 2)]))
        else:
            answers = [Paragraph(escape(_shortened(answer)), styles.bullet, bulletText="•")
                       for answer in item.answers]
            answers = answers or [Paragraph(to_reportlab(labels("evaluation_no_answers")),
                                            styles.muted)]
            story += [KeepTogether([Paragraph(f"<b>{escape(item.question)}</b>", styles.body),
                                    *answers[:3]]), *answers[3:],
                      Spacer(1, styles.theme.spacing.paragraph * 2)]
    return story


def _shortened(answer: str) -> str:
    """An answer as the report prints it: at most 2,000 characters (the CSV keeps it whole)."""
    return answer if len(answer) <= 2000 else answer[:2000].rstrip() + " …"
