"""A layout only measured (fitting's tries) ends its pages where the drawn layout does.

Fitting chooses among layouts it measures without drawing them; the choice is only right if
measuring places every block, answer and chart on the same page, equally far down, as
drawing does. Checked on every document a real build lays out.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from cs_handouts.render.pdf import document, fitting
from tests.conftest import REPO, copy_series, run_cli

# What fitting reads of a layout: pages, where each part starts and ends, how full each page
# is and the room left at its foot, and where each answer and chart landed.
WHAT_FITTING_READS = ("pages", "part_pages", "part_counts", "part_last_fill", "part_last_spare",
                      "answer_pages", "chart_pages", "page_fill", "page_spare")


def _series(name: str, tmp_path: Path) -> Path:
    """A writable copy of the shipped series or of the reference series."""
    if name == "shipped":
        return copy_series(tmp_path / "series")
    return Path(shutil.copytree(REPO / "examples" / "reference", tmp_path / "series"))


@pytest.mark.parametrize("series", ["shipped", "reference"])
def test_measuring_a_layout_places_everything_as_drawing_does(
        series: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _series(series, tmp_path)
    original = fitting.render_fitted
    compared: list[str] = []

    def both_ways(makers: Any, info: document.DocumentInfo, styles: Any, paper: str = "letter",
                  layout: document.PageLayout | None = None, **options: Any) -> Any:
        layout = layout or document.PageLayout()
        kept = {key: value for key, value in options.items() if key not in ("own_spacing", "ways")}
        measured = document.render_pdf([make(styles) for make in makers], info, styles, paper,
                                       layout, measure=True, **kept)
        drawn = document.render_pdf([make(styles) for make in makers], info, styles, paper,
                                    layout, unsaved=True, **kept)
        for name in WHAT_FITTING_READS:
            assert getattr(measured, name) == getattr(drawn, name), (info.title, name)
        assert measured.measured and not drawn.measured
        compared.append(info.title)
        return original(makers, info, styles, paper, layout, **options)

    monkeypatch.setattr("cs_handouts.build.module.render_fitted", both_ways)
    monkeypatch.setattr("cs_handouts.build.series.render_fitted", both_ways)
    run_cli("build", "--all", "--format", "pdf", "--jobs", "1", "--project", str(root))
    assert len(compared) >= 10  # guides and handouts of every module
    assert any("Facilitator Guide" in title for title in compared)
    assert any("Binder" in title for title in compared)  # a document of many parts


def test_a_measured_layout_has_no_pdf_to_write() -> None:
    with pytest.raises(ValueError, match="only measured"):
        document.RenderedPdf(b"", 1, measured=True).saved()


def test_the_binder_lays_each_guide_out_once_the_way_its_own_pdf_chose(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_series(tmp_path / "series")
    run_cli("build", "--all", "--format", "pdf", "--jobs", "1", "--project", str(root))
    manifest = (root / "output" / ".handouts-manifest.json").read_text()
    ways = re.findall(r'"fitted": "([^"]*)",\s*"name": "module\d/facilitator-guide.pdf"', manifest)
    assert len(ways) == 6 and set(ways) <= set(fitting.WAYS)
    binder_layouts: list[int] = []
    original = document.render_pdf

    def counting(parts: list[document.Part], info: document.DocumentInfo, *args: Any,
                 **kwargs: Any) -> Any:
        if "Binder" in info.title:
            binder_layouts.append(len(parts))
        return original(parts, info, *args, **kwargs)

    monkeypatch.setattr("cs_handouts.render.pdf.fitting.render_pdf", counting)
    binder = root / "output" / "series" / "facilitator-binder.pdf"
    with_ways = binder.read_bytes()
    binder.unlink()
    run_cli("build", "--all", "--format", "pdf", "--jobs", "1", "--project", str(root))
    # The whole binder (contents and six guides) is laid out once; the contents alone, to fit it.
    assert [n for n in binder_layouts if n > 1] == [7]
    assert binder.read_bytes() == with_ways
    # Without the guides' ways (an older manifest), or with ways fitting does not know (the
    # manifest is anyone's to edit), fitting tries the binder's ways itself, and comes to the
    # same binder.
    path = root / "output" / ".handouts-manifest.json"
    for fitted in ('""', '"tail9"', '"plain,plain"', "7"):
        path.write_text(re.sub(r'"fitted": ("[^"]*"|\d+)', f'"fitted": {fitted}',
                               path.read_text()))
        binder.unlink()
        binder_layouts.clear()
        run_cli("build", "--all", "--format", "pdf", "--jobs", "1", "--project", str(root))
        assert len([n for n in binder_layouts if n > 1]) > 1, fitted
        assert binder.read_bytes() == with_ways, fitted


@pytest.mark.parametrize(("series", "large_print"),
                         [("shipped", False), ("shipped", True), ("reference", True)])
def test_a_tail_measured_alone_is_the_tail_laid_out_in_place(
        series: str, large_print: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fitting measures a moved tail alone and splices it on: it chooses as laying it out does."""
    root = _series(series, tmp_path)
    original = fitting.render_fitted
    spliced: list[str] = []
    splice = fitting.spliced

    def noting(*args: Any) -> Any:
        spliced.append(args[2].title)
        return splice(*args)

    def both_ways(makers: Any, info: document.DocumentInfo, styles: Any, paper: str = "letter",
                  layout: document.PageLayout | None = None, **options: Any) -> Any:
        if len(makers) == 1:
            kept = {key: value for key, value in options.items()
                    if key not in ("own_spacing", "ways")}

            def render(parts: list[document.Part], measure: bool = False) -> Any:
                return document.render_pdf(parts, info, styles, paper, layout or
                                           document.PageLayout(), measure=measure,
                                           unsaved=True, **kept)

            own = options.get("own_spacing", ())
            pdf, ways, _ = fitting._fullest(makers, styles, render, own, True)
            laid, laid_ways, _ = fitting._fullest(makers, styles, render, own, False)
            assert ways == laid_ways, info.title
            for name in WHAT_FITTING_READS:
                assert getattr(pdf, name) == getattr(laid, name), (info.title, name)
        return original(makers, info, styles, paper, layout, **options)

    monkeypatch.setattr("cs_handouts.render.pdf.fitting.spliced", noting)
    monkeypatch.setattr("cs_handouts.build.module.render_fitted", both_ways)
    run_cli("build", "--all", "--format", "pdf", "--jobs", "1", "--project", str(root),
            *(["--large-print"] if large_print else []))
    assert spliced  # some tail did move on, and was measured alone
