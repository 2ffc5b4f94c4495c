"""Property tests: arbitrary text and arbitrary YAML never crash; text survives or is refused."""

from __future__ import annotations

import shutil
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cs_handouts.content.yamlsource import read_yaml
from cs_handouts.errors import ContentError
from cs_handouts.text.typography import smart_quotes
from tests.conftest import copy_series, run_cli
from tests.pdftext import normalize, pdf_text

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

# Characters authors actually type, plus the ones that break naive PDF and YAML code.
TRICKY = st.sampled_from(list("&<>\"'`*_{}#%:-|\\/…“”‘’–—éñüçø") +
                         ["😀", "🍁", "שלום", "مرحبا", "Tiếng Việt", "<b>", "</para>", "&amp;"])
TEXT = st.lists(st.one_of(TRICKY, st.text(min_size=1, max_size=12)), min_size=1,
                max_size=8).map(" ".join)


# Bidi mirrored pairs: either of a pair prints for the other in right-to-left text.
_ONE_OF_A_PAIR = str.maketrans(">)]}»›", "<([{«‹")


@pytest.fixture(scope="module")
def template_series(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_series(tmp_path_factory.mktemp("template") / "series")


@SETTINGS
@given(text=TEXT)
@example(text="مرحبا")  # shaped Arabic, found by hypothesis
@example(text="Room 12 مرحبا שלום 3:30 “ok”")  # mixed directions, digits and quotes
@example(text="# שלום")  # found by hypothesis in other runs
@example(text="שלום &")
@example(text="< שלום")  # found by hypothesis: a mirrored bracket in a right-to-left paragraph
def test_any_text_prints_or_gives_a_located_error(text: str, template_series: Path,
                                                  tmp_path_factory: pytest.TempPathFactory) -> None:
    series = tmp_path_factory.mktemp("case") / "series"
    shutil.copytree(template_series, series)
    handout = series / "content" / "handouts" / "who-are-our-internal-customers.yaml"
    source = handout.read_text(encoding="utf-8")
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    handout.write_text(source.replace("  - chart:\n", f"  - text: {quoted}\n  - chart:\n", 1),
                       encoding="utf-8")
    result = run_cli("build", "module4", "--project", str(series), expect_ok=False)
    assert isinstance(result.exception, SystemExit | None), result.exception  # never a traceback
    if result.exit_code == 0:
        printed = normalize(pdf_text(series / "output" / "module4" /
                                     "who-are-our-internal-customers.pdf"))
        # Markup is **bold** and *italic*; everything else must print as written.
        # Straight quotes print curled (text/typography.py).
        expected = normalize(smart_quotes(text).replace("*", ""))
        # A soft hyphen (U+00AD) only marks where a word may break: it prints nothing.
        expected = normalize(expected.replace("\xad", ""))
        expected = unicodedata.normalize("NFKC", expected).replace(" ", "")
        # Arabic prints as shaped presentation forms; NFKC maps them back to letters.
        printed = unicodedata.normalize("NFKC", printed).replace("*", "").replace(" ", "")
        if any(unicodedata.bidirectional(char) in ("R", "AL") for char in expected):
            # Right-to-left runs print in visual order, so mixed text is not one substring
            # (its order is checked in tests/test_languages*.py); nothing may be lost. In a
            # right-to-left paragraph "<" and "(" print as their mirror images (as a browser
            # shows them; the PDF's ActualText keeps the original, which pypdf does not read).
            assert not (Counter(expected.translate(_ONE_OF_A_PAIR))
                        - Counter(printed.translate(_ONE_OF_A_PAIR)))
        else:
            assert expected in printed or not expected
    else:
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        assert lines[-1].startswith(("Aborted: ", "Failed: ")), lines
        assert all(".yaml:" in line for line in lines[:-1]), lines
        assert not list((series / "output").rglob("*.pdf"))


YAML_CHARS = st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}&*!|>'\"#%@,?0\\") + ["é", "\x00"]),
                     max_size=80)


@SETTINGS
@given(document=st.one_of(YAML_CHARS, st.text(max_size=80), st.binary(max_size=80)))
def test_any_yaml_document_reads_or_gives_located_errors(document: str | bytes,
                                                         tmp_path_factory: pytest.TempPathFactory
                                                         ) -> None:
    path = tmp_path_factory.mktemp("yaml") / "module4.yaml"
    path.write_bytes(document if isinstance(document, bytes) else document.encode("utf-8"))
    try:
        read_yaml(path)
    except ContentError as error:
        for problem in error.problems:
            assert problem.location.file == path
            assert "\n" not in str(problem)


@SETTINGS
@given(document=st.one_of(YAML_CHARS, st.text(max_size=80)))
def test_any_module_file_validates_without_a_traceback(document: str, template_series: Path,
                                                       tmp_path_factory: pytest.TempPathFactory
                                                       ) -> None:
    series = tmp_path_factory.mktemp("case") / "series"
    shutil.copytree(template_series, series)
    (series / "content" / "modules" / "module4.yaml").write_text(document, encoding="utf-8")
    result = run_cli("validate", str(series), expect_ok=False)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.splitlines()[-1].startswith("Aborted: ")
