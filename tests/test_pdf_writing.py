"""The faster PDF writer writes every document byte for byte as ReportLab's own writer does.

``render/pdf/writing.py`` replaces the busiest steps of ReportLab's writer (dictionaries,
names, numbers, references). Whole builds of the shipped series and of the five-language
series (Chinese, Arabic and Hebrew text, form fields, charts, a binder) are written both
ways and compared file by file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfdoc

from cs_handouts.content.theme import CJK_FONTS
from cs_handouts.render.pdf import cjk, writing
from tests.conftest import DATA, copy_series, run_cli, snapshot


def _pdfs(root: Path, *options: str) -> dict[str, bytes]:
    output = root / "output"
    shutil.rmtree(output, ignore_errors=True)
    run_cli("build", "--all", "--format", "pdf", "--jobs", "1", "--force", *options,
            "--project", str(root))
    files = {name: data for name, data in snapshot(output).items() if name.endswith(".pdf")}
    assert files
    return files


def test_the_faster_writer_is_the_one_in_use() -> None:
    assert writing.install()
    assert pdfdoc.format is writing._format
    with writing.reportlab_writer():
        assert pdfdoc.format is not writing._format
    assert pdfdoc.format is writing._format


@pytest.mark.parametrize("series", ["shipped", "languages"])
def test_every_document_is_written_as_reportlab_writes_it(series: str, tmp_path: Path) -> None:
    if series == "shipped":
        root, options = copy_series(tmp_path / "series"), ()
    else:
        root = Path(shutil.copytree(DATA / "languages", tmp_path / "series"))
        options = ("--all-languages",)
    faster = _pdfs(root, *options)
    with writing.reportlab_writer():
        theirs = _pdfs(root, *options)
    assert faster.keys() == theirs.keys()
    different = [name for name in faster if faster[name] != theirs[name]]
    assert not different
    assert len(faster) >= (20 if series == "shipped" else 30)


def test_text_that_pdfdocencoding_cannot_hold_is_refused_as_reportlab_refuses_it() -> None:
    for text in ("caf\u00e9 \u2019", "plain /Name 0 Tf", "\x18 control"):
        with writing.reportlab_writer():
            try:
                expected: bytes | type[Exception] = pdfdoc.format(text, None)
            except UnicodeEncodeError:
                expected = UnicodeEncodeError
        if expected is UnicodeEncodeError:
            with pytest.raises(UnicodeEncodeError):
                pdfdoc.format(text, None)
        else:
            assert pdfdoc.format(text, None) == expected


def test_chinese_fonts_are_cut_the_same_whenever_they_are_built(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A cut font's header keeps the source's date, not the time of the build: same bytes."""
    family = next(iter(CJK_FONTS))
    cuts = []
    for moment in ("1700000000", "1700090000"):  # fontTools' clock, as reproducible builds set it
        monkeypatch.setenv("SOURCE_DATE_EPOCH", moment)
        cuts.append(cjk._cut(cjk._collection("Regular"), CJK_FONTS[family], "培训指南",
                             "Cut-Regular"))
    assert len(cuts[0]) > 1000
    assert cuts[0] == cuts[1]
