"""Language editions: translations beside the originals, built into output/<module>/<lang>/."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA, run_cli
from tests.pdftext import field_names

SERIES = DATA / "languages"
LANGUAGES = ("es", "vi", "zh-Hans", "ar", "he")
_BIDI_MARKS = re.compile("[\u202a-\u202e\u200e\u200f]")


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small five-language series with every edition of module1 built."""
    root = tmp_path_factory.mktemp("languages") / "series"
    shutil.copytree(SERIES, root)
    run_cli("build", "module1", "--all-languages", "--project", str(root))
    return root


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", _BIDI_MARKS.sub("", out.stdout))


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for key, value in data.items() if key not in ("kind", "distribute")
                for s in _strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translated_sentence_is_in_the_pdfs(editions: Path, language: str) -> None:
    folder = editions / "output/module1" / language
    handout = yaml.safe_load((SERIES / f"content/handouts/reflection.{language}.yaml").read_text())
    text = _text(folder / "reflection.pdf")
    for sentence in _strings(handout):
        assert re.sub(r"\s+", "", sentence) in text, sentence
    module = yaml.safe_load((SERIES / f"content/modules/module1.{language}.yaml").read_text())
    guide = _text(folder / "facilitator-guide.pdf")
    for sentence in [module["title"], module["goals"][0], *module["activities"][0]["steps"][1:]]:
        assert re.sub(r"\s+", "", sentence) in guide, sentence


@pytest.mark.parametrize("language", LANGUAGES)
def test_fields_are_named_as_in_the_default_edition(editions: Path, language: str) -> None:
    english = field_names(editions / "output/module1/reflection.pdf")
    assert "reflection.info.school-or-department" in english
    assert field_names(editions / "output/module1" / language / "reflection.pdf") == english


@pytest.mark.parametrize(("language", "direction"), [("es", "ltr"), ("zh-Hans", "ltr"),
                                                      ("ar", "rtl"), ("he", "rtl")])
def test_web_pages_carry_lang_and_dir(editions: Path, language: str, direction: str) -> None:
    page = (editions / "output/module1" / language / "html/reflection.html").read_text()
    assert f'<html lang="{language}" dir="{direction}">' in page


def test_the_default_edition_stays_where_it_is(editions: Path) -> None:
    assert "Reflection" in _text(editions / "output/module1/reflection.pdf")
    assert "Reflexión" in _text(editions / "output/module1/es/reflection.pdf")


def test_dates_are_written_in_the_language(editions: Path) -> None:
    import datetime as dt

    from cs_handouts.timing.clock import full_date, long_date

    day = dt.date(2027, 1, 19)
    assert long_date(day, "es") == "19 de enero de 2027"
    assert long_date(day, "he") == "19 בינואר 2027"
    # CLDR has no Haitian Creole months (its ht inherits French): written here, not French.
    assert long_date(day, "ht") == "19 janvye 2027" and full_date(day, "ht-HT") == (
        "madi 19 janvye 2027")


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "series"
    shutil.copytree(SERIES, root)
    return root


def test_a_translation_with_another_structure_is_located_in_it(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "content/handouts/reflection.es.yaml"
    text = path.read_text(encoding="utf-8").replace("      rows: 2\n", "      rows: 3\n")
    text = text.replace("        lines: 2\n", "        lines: 2\n      - text: ¿Una pregunta de más?\n"
                        "        lines: 1\n", 1)
    path.write_text(text, encoding="utf-8")
    result = run_cli("build", "module1", "--language", "es", "--project", str(root),
                     expect_ok=False)
    assert "reflection.es.yaml:7:7: blocks[0].questions: 3 items where the original has 2" in (
        result.output), result.output
    assert not (root / "output/module1/es").exists()


def test_a_translation_with_other_numbers_is_located_in_it(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "content/handouts/reflection.es.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("      rows: 2\n", "      rows: 3\n"),
                    encoding="utf-8")
    result = run_cli("build", "module1", "--language", "es", "--project", str(root),
                     expect_ok=False)
    assert "reflection.es.yaml:14:13: blocks[1].chart.rows: expected 2, as in the original" in (
        result.output), result.output


def test_untranslated_text_is_a_warning_with_its_place(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "content/handouts/reflection.es.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "¿Quién depende de usted para hacer bien su trabajo?",
        "Who depends on you to do their job well?")
    path.write_text(text, encoding="utf-8")
    result = run_cli("build", "module1", "--language", "es", "--project", str(root))
    assert ("reflection.es.yaml:7:15: blocks[0].questions[0].text: warning: the same as the"
            " original: not translated?") in result.output, result.output


def test_a_missing_translation_fails_that_module_only(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "content/modules/module1.vi.yaml").unlink()
    result = run_cli("build", "module1", "--language", "vi", "--project", str(root),
                     expect_ok=False)
    assert "module1.yaml: no 'vi' translation of this module: write" in result.output


def test_a_language_not_listed_is_an_error_listing_the_languages(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    result = run_cli("build", "module1", "--language", "fr", "--project", str(root),
                     expect_ok=False)
    assert ("handouts.yaml:5:12: languages: no 'fr' edition: the languages are en, es, vi,"
            " zh-Hans, ar, he") in result.output, result.output


@pytest.mark.parametrize(("language", "labels"), [
    ("es", ["Guía del facilitador", "Materiales necesarios", "Objetivos:", "Página 1 de"]),
    ("vi", ["Hướng dẫn cho người điều phối", "Tài liệu cần thiết", "Trang 1 trên"]),
    ("zh-Hans", ["培训师指南", "所需材料", "议程"]),
    ("ar", ["دليل الميسّر", "المواد المطلوبة", "جدول الأعمال"]),
    ("he", ["מדריך למנחה", "חומרים נדרשים", "סדר היום", "עמוד 1 מתוך"]),
])
def test_the_documents_words_come_from_the_languages_catalog(editions: Path, language: str,
                                                             labels: list[str]) -> None:
    text = _text(editions / "output/module1" / language / "facilitator-guide.pdf")
    for label in labels:
        assert re.sub(r"\s+", "", label) in text, label
    assert "FacilitatorGuide" not in text and "MaterialsNeeded" not in text


def test_a_language_without_a_catalog_is_a_located_error(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    config = root / "handouts.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: ko"),
                      encoding="utf-8")
    result = run_cli("build", "module1", "--project", str(root), expect_ok=False)
    assert ("handouts.yaml:4:11: language: no translation catalog for 'ko'; the catalogs are: en,"
            " ar, es, fr, he, ht, pt, ru, vi, zh-Hans") in result.output, result.output


def test_every_catalog_translates_every_message() -> None:
    from babel.messages.pofile import read_po

    locale = Path(__file__).resolve().parents[1] / "src/cs_handouts/locale"
    with (locale / "handouts.pot").open("rb") as pot:
        template = {m.id for m in read_po(pot) if m.id}
    for po in sorted(locale.glob("*/LC_MESSAGES/handouts.po")):
        if po.parts[-3] == "en":
            continue
        with po.open("rb") as file:
            catalog = read_po(file)
        translated = {m.id for m in catalog if m.id and m.string and all(m.string)}
        assert template <= translated, (po, template - translated)


def test_validate_checks_every_translation(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    run_cli("validate", str(root))
    path = root / "content/handouts/reflection.ar.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("      rows: 2\n", "      rows: 4\n"),
                    encoding="utf-8")
    result = run_cli("validate", str(root), expect_ok=False)
    assert "reflection.ar.yaml:14:13: blocks[1].chart.rows: expected 2, as in the original" in (
        result.output), result.output
