"""What ReportLab reads from a font file, kept in the user's cache folder between runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from cs_handouts.render.pdf import facecache
from tests.conftest import snapshot

FONTS = Path(facecache.__file__).resolve().parents[2] / "fonts"


def build(series: Path, cache: Path, output: str) -> None:
    """``handouts build module4`` as its own process, with ``cache`` as XDG_CACHE_HOME."""
    done = subprocess.run(
        [sys.executable, "-m", "cs_handouts", "build", "module4", "-q", "--format", "pdf",
         "--output", str(series / output), "--project", str(series)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "HANDOUTS_ACCESSIBLE": "0", "XDG_CACHE_HOME": str(cache),
             "HOME": str(series.parent / "home")})
    assert done.returncode == 0, done.stderr


def kept(cache: Path) -> list[Path]:
    return sorted((cache / "cs-handouts").glob("faces-*/*.pickle"))


def test_faces_kept_from_a_run_make_the_same_pdfs(series: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(series, cache, "read")  # the faces read from their files, and kept
    assert len(kept(cache)) >= 2  # the regular and bold faces at least
    assert not (tmp_path / "home").exists()  # in XDG_CACHE_HOME, nowhere else
    build(series, cache, "taken")  # the faces taken from the cache
    read, taken = snapshot(series / "read"), snapshot(series / "taken")
    assert read == taken and len([name for name in read if name.endswith(".pdf")]) == 5


def test_a_damaged_entry_is_read_past_and_made_again(series: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(series, cache, "first")
    for entry in kept(cache):
        entry.write_bytes(b"not a pickle")
    build(series, cache, "again")  # every face read from its file again
    assert snapshot(series / "first") == snapshot(series / "again")
    assert all(entry.read_bytes() != b"not a pickle" for entry in kept(cache))


def test_a_kept_face_makes_the_font_reportlab_makes(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = str(tmp_path / "NotoSans-Bold.ttf")
    shutil.copy(FONTS / "NotoSans-Bold.ttf", path)
    first = facecache.read_font("Kept-Bold", path)  # read, and kept
    assert len(kept(tmp_path / "cache")) == 1
    again = facecache.read_font("Kept-Bold", path)  # from the cache
    fresh = TTFont("Kept-Bold", path)
    assert facecache._looks(again) == facecache._looks(fresh) == facecache._looks(first)
    assert again.face._ttf_data == fresh.face._ttf_data  # the bytes read from the file
    assert again.stringWidth("Caring Customer Service", 11) == fresh.stringWidth(
        "Caring Customer Service", 11)
    # A changed file is another entry: its face is read from it.
    with open(path, "ab") as font:
        font.write(b"\0\0\0\0")
    facecache.read_font("Kept-Bold", path)
    assert len(kept(tmp_path / "cache")) == 2
