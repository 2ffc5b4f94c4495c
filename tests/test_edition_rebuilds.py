"""A translated edition rebuilds when its original changes, and every edition when a font does."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, run_cli
from tests.pdftext import field_names

NOTHING = "Nothing to build"


@pytest.fixture
def languages(tmp_path: Path) -> Path:
    root = tmp_path / "series"
    shutil.copytree(DATA / "languages", root)
    return root


def test_an_edition_rebuilds_when_only_the_original_changes(languages: Path) -> None:
    run_cli("build", "module1", "--language", "es", "--project", str(languages))
    again = run_cli("build", "module1", "--language", "es", "--project", str(languages))
    assert NOTHING in again.output
    # Field names come from the original's labels: the Spanish edition must follow them.
    original = languages / "content/handouts/reflection.yaml"
    original.write_text(original.read_text(encoding="utf-8").replace(
        "School or department", "School or team"), encoding="utf-8")
    result = run_cli("build", "module1", "--language", "es", "--project", str(languages))
    assert NOTHING not in result.output, result.output
    names = field_names(languages / "output/module1/es/reflection.pdf")
    assert "reflection.info.school-or-team" in names, names
    # The module's own original counts too.
    module = languages / "content/modules/module1.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        "Internal Customer Service", "Internal Customer Care"), encoding="utf-8")
    result = run_cli("build", "module1", "--language", "es", "--project", str(languages))
    assert NOTHING not in result.output, result.output


def test_an_edition_rebuilds_when_the_series_translation_changes(languages: Path) -> None:
    run_cli("build", "module1", "--language", "es", "--project", str(languages))
    series = languages / "handouts.es.yaml"
    series.write_text(series.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    result = run_cli("build", "module1", "--language", "es", "--project", str(languages))
    assert NOTHING not in result.output, result.output


def test_fonts_are_build_inputs(languages: Path, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    from cs_handouts.build import manifest

    font = tmp_path / "NotoSansCJK-Regular.ttc"
    font.write_bytes(b"font")
    monkeypatch.setattr(manifest, "font_files", lambda: [font])
    run_cli("build", "module1", "--project", str(languages))
    assert NOTHING in run_cli("build", "module1", "--project", str(languages)).output
    font.write_bytes(b"a newer font")  # a font package updated
    os.utime(font, ns=(1, 2))
    result = run_cli("build", "module1", "--project", str(languages))
    assert NOTHING not in result.output, result.output


def test_every_shipped_and_system_font_is_counted() -> None:
    from cs_handouts.build.manifest import font_stamps

    names = {name for name, _ in font_stamps()}
    assert {"NotoSans-Regular.ttf", "NotoSansRTL-Regular.ttf",
            "NotoSansSymbols2-Regular.ttf"} <= names
    if Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").is_file():
        assert "NotoSansCJK-Regular.ttc" in names
