"""What a build process loads: SVG, XML, e-mail and catalog machinery only when it is needed.

Each of these is imported where it is used, so that a module build starts without it;
the console script runs as its own process here and lists the modules it ended with.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from cs_handouts.timing.clock import _babel_range, _babel_time, clock_range, clock_time, later, long_date
from tests.pdftext import pdf_text
from tests.test_brand_theme import set_brand

# Loaded only by an SVG logo or image, an e-mail of prepare:/follow-up:, or a translated edition.
ON_DEMAND = ("svglib", "lxml.etree", "reportlab.graphics.renderPDF", "xml.etree.ElementTree",
             "email.policy", "babel.messages", "filelock",  # filelock: the lock on Windows only
             "importlib.metadata")  # pydantic's plugin search, skipped when plugins are off
PROBE = ("import atexit, sys\n"
         "atexit.register(lambda: print('\\n'.join(sorted(sys.modules))))\n"
         "from cs_handouts.entry import run\n"
         "run()\n")


def loaded_by_build(series: Path, *arguments: str, **environment: str) -> set[str]:
    """The modules a ``handouts build module4 --format pdf`` process has loaded when it exits.

    On one process (``--jobs 1``): with more, the module is rendered in another (see
    build/warm.py), and this one loads no ReportLab at all.
    """
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "build", *(arguments or ["module4"]), "-q", "--format",
         "pdf", "--jobs", "1", "--project", str(series)],
        capture_output=True, text=True,
        env={**os.environ, "HANDOUTS_ACCESSIBLE": "0", **environment}, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def probed(probe: str, *arguments: str) -> list[str]:
    """The lines a new Python process running ``probe`` (with ``arguments``) printed."""
    done = subprocess.run([sys.executable, "-c", probe, *arguments], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_a_png_logo_build_loads_no_svg_email_or_catalog_code(series: Path) -> None:
    Image.new("RGB", (90, 30), "#7A1F5C").save(series / "crest.png")
    set_brand(series, "brand:\n  name: Riverbend Unified\n  logo: crest.png\n")
    loaded = loaded_by_build(series)
    assert not [name for name in ON_DEMAND if name in loaded]
    reader = PdfReader(series / "output" / "module4" / "reflection-form.pdf")
    for page in reader.pages:  # the logo is drawn all the same
        assert [x for x in page["/Resources"]["/XObject"].values()
                if x.get_object()["/Subtype"] == "/Image"]


def test_an_svg_logo_build_loads_svglib(series: Path) -> None:
    loaded = loaded_by_build(series)  # the example's logo is an SVG file
    assert {"svglib", "lxml.etree", "reportlab.graphics.renderPDF"} <= loaded
    assert not {"email.policy", "babel.messages"} & loaded  # no e-mails, English only
    assert "importlib.metadata" not in loaded  # svglib's module, not its command-line tool
    # Its sessions give the guide clock times, in en-US: written without Babel.
    assert not [name for name in loaded if name.split(".")[0] == "babel"]
    assert "9:00–9:02" in pdf_text(series / "output" / "module4" / "facilitator-guide.pdf")


def test_pydantic_plugins_are_searched_for_when_the_user_asks(series: Path) -> None:
    # PYDANTIC_DISABLE_PLUGINS names plugins to leave out: the others are searched for.
    loaded = loaded_by_build(series, PYDANTIC_DISABLE_PLUGINS="some-plugin")
    assert {"importlib.metadata", "pydantic.plugin._loader"} <= loaded
    assert (series / "output" / "module4" / "facilitator-guide.pdf").is_file()


def test_an_english_series_without_clock_times_loads_no_babel(series: Path) -> None:
    # set_brand drops the sessions (and their clock times) that follow brand: in the example.
    set_brand(series, "brand:\n  footer: Printed {{ date }}\ndate: 2027-01-12\n")
    loaded = loaded_by_build(series)
    assert not [name for name in loaded if name.split(".")[0] == "babel"]
    assert "Printed January 12, 2027" in pdf_text(series / "output" / "module4" / "reflection-form.pdf")


def test_harfbuzz_is_loaded_only_for_a_script_that_needs_shaping(series: Path,
                                                                 tmp_path: Path) -> None:
    assert "uharfbuzz" in loaded_by_build(series)  # ReportLab imports it: a stand-in...
    assert "uharfbuzz._harfbuzz" not in loaded_by_build(series)  # ...loading nothing for English
    languages = tmp_path / "languages"
    shutil.copytree(Path(__file__).parent / "data" / "languages", languages)
    arabic = loaded_by_build(languages, "module1", "--language", "ar")
    assert "uharfbuzz._harfbuzz" in arabic  # joined letters: shaped by HarfBuzz
    text = pdf_text(languages / "output" / "module1" / "ar" / "facilitator-guide.pdf")
    assert text.strip()


def test_the_web_address_pattern_compiled_on_first_use_matches_as_reportlabs() -> None:
    probe = ("import re, sys\n"
             "import cs_handouts.render.pdf\n"
             "from reportlab.platypus import paragraph\n"
             "standing_in = paragraph.uri_pat\n"
             "print(isinstance(standing_in, re.Pattern))\n"  # not compiled yet
             "compiled = re.compile(standing_in.pattern, standing_in.flags)\n"
             "for address in sys.argv[1:]:\n"
             "    mine, theirs = standing_in.match(address), compiled.match(address)\n"
             "    print(repr(mine and mine.groups()) == repr(theirs and theirs.groups()))\n"
             "print(paragraph._uri_split_pairs('https://example.org/a/b'))\n")
    addresses = ["https://example.org/a/b/c", "HTTP://Example.COM/Ä/x?y=1", "ftp://x.y",
                 "example.org/path", "mailto:someone@example.org", "not an address",
                 "https://[::1]:8080/", "http://192.168.0.1/x", "https://ex-ample.org-"]
    lines = probed(probe, *addresses)
    assert lines[0] == "False"  # a stand-in until first used...
    assert lines[1:-1] == ["True"] * len(addresses)  # ...that matches as the compiled pattern
    assert lines[-1] == ("[('https://example.org/a/', 'b'), ('https://example.org/', 'a/b'),"
                         " ('https://', 'example.org/a/b')]")


def test_english_long_dates_are_babels() -> None:
    from babel.dates import format_date

    days = [dt.date(2027, month, 1 + 2 * month) for month in range(1, 13)]
    days += [dt.date(2026, 9, 14), dt.date(2030, 12, 31), dt.date(999, 1, 1)]
    for language, locale in (("en", "en"), ("en-US", "en_US")):
        for day in days:
            assert long_date(day, language) == format_date(day, "long", locale=locale)


def test_en_us_clock_times_are_babels() -> None:
    for minute in range(24 * 60):
        start = dt.time(minute // 60, minute % 60)
        assert clock_time(start, 0) == _babel_time(start, "en-US")
        for length in (0, 1, 9, 59, 60, 61, 479, 480):
            assert clock_range(start, 0, length) == _babel_range(start, later(start, length), "en-US")


def test_a_build_ends_at_once_yet_a_profiler_still_writes_its_findings(series: Path) -> None:
    """The process skips Python's teardown, but not while a profiler (or coverage) watches."""
    environment = {**os.environ, "HANDOUTS_ACCESSIBLE": "0"}
    ended = subprocess.run(
        [sys.executable, "-c", "from cs_handouts.entry import run; run()", "build", "nosuch",
         "--project", str(series)], capture_output=True, text=True, env=environment, timeout=120)
    assert ended.returncode == 1 and "no module 'nosuch'" in ended.stderr  # its code and words
    profile = series.parent / "build.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "cs_handouts", "build",
         "module4", "-q", "--format", "pdf", "--project", str(series)],
        capture_output=True, text=True, env=environment, timeout=120)
    assert done.returncode == 0, done.stderr
    assert profile.stat().st_size > 10_000
    assert (series / "output" / "module4" / "participant-packet.pdf").is_file()


def test_the_plugin_loaders_stand_in_answers_the_rest_from_the_real_one() -> None:
    probe = ("import os, sys\n"
             "os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
             "from cs_handouts import entry\n"
             "entry._no_plugin_search()\n"
             "from pydantic.plugin._loader import get_plugins\n"
             "assert tuple(get_plugins()) == () and 'importlib.metadata' not in sys.modules\n"
             "import pydantic.plugin\n"
             "loader = sys.modules['pydantic.plugin._loader']\n"
             "print(loader.PYDANTIC_ENTRY_POINT_GROUP, 'importlib.metadata' in sys.modules)\n")
    assert probed(probe) == ["pydantic True"]  # asked for more: the real loader


def test_an_svglib_whose_module_needs_its_package_is_imported_whole() -> None:
    """svglib's converter is imported without the package's __init__ (its command-line tool);
    should a later svglib's module need the package itself, the package is imported whole."""
    probe = ("import importlib.abc, sys\n"
             "class NeedsPackage(importlib.abc.MetaPathFinder):\n"
             "    def find_spec(self, name, path=None, target=None):\n"
             "        package = sys.modules.get('svglib')\n"
             "        if name == 'svglib.svglib' and 'argparse' not in vars(package):\n"
             "            raise ImportError('svglib.svglib needs its package')\n"
             "sys.meta_path.insert(0, NeedsPackage())\n"
             "from cs_handouts.render.pdf.logo import _svg_converter\n"
             "print(_svg_converter().__name__, 'argparse' in vars(sys.modules['svglib']))\n")
    assert probed(probe) == ["svg2rlg True"]
