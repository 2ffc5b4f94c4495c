"""Hostile series for bench/robustness.py: each breaks a copy of the series as an attacker would.

Every kind writes files into an "elsewhere" folder beside the series (standing for the
rest of the machine) and points the series at it; robustness.py checks that nothing
there was opened, changed or deleted, and that the build ends in a located error.
"""

from __future__ import annotations

import json
import random
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

from tests.badcases import elsewhere

SECRET = "root:$6$Xk2hQ9sEcReT$hash-of-the-root-password:19000:0:99999:7:::\n"
STEP = "Allow participants to complete the chart."
TEXT_BOMBS = ["{{ (['x'*100000]*100000)|join }}", "{{ ([[1]]*50000)|sum(start=[]) }}",
              "{{ ((10**64)**64)**64 }}", "{{ ('x'*60000) ~ ('y'*60000) }}",
              "{{ 'x'|center(10**9) }}", "{{ ''.__class__.__mro__ }}", "{{ 9**99 }}",
              "{{ (['ab']*50000)|join('x'*1000) }}", "{{ 'a' * 100001 }}"]
TEMPLATE_BOMBS = ["{{ 'a'*10**9 }}", "{% for i in range(10**9) %}{% endfor %}",
                  "{{ 'x'.ljust(10**9) }}", "{% include 'nowhere.html' %}",
                  "{% for i in range(100000) %}{{ 'y'*100000 }}{% endfor %}",
                  "{{ 'a'.join(['b']*100000) }}", "{{ ((10**64)**64)**64 }}",
                  "{{ (['x'*1000]*10000)|join|length }}"]
ROSTERS = ["name,school,email\nAda," + "x" * 200_000 + ",a@x.org\n",
           'name,school,email\n"Ada,Central,a@x.org\nBo,North,b@x.org\n',
           "name,school,email\nAd\0a,Central,a@x.org\n",
           "name,school,email\n" + "Ada,Central,a@x.org\n" * 2500,
           "name,school,email\nAda\x07,Central,a@x.org\n",
           "\xff\xfe\x00n\x00a\x00m\x00e",
           "name,school,email\n" + "A" * 300 + ",Central,a@x.org\n"]


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def _outside(series: Path, name: str = "secret", text: str = SECRET) -> Path:
    folder = elsewhere(series)
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def _link(path: Path, target: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        import shutil
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def _set_logo(series: Path, logo: str) -> None:
    config = series / "handouts.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "logo: templates/maple-valley-logo.svg", f"logo: {logo}"), encoding="utf-8")


Kind = Callable[[Path, random.Random], list[str]]
BUILD = ["build", "module4"]
PRINT = ["print", "module4", "--participants", "3"]


def linked_module(series: Path, rng: random.Random) -> list[str]:
    name = rng.choice(["content/modules/module4.yaml", "handouts.yaml",
                       "content/handouts/reflection-form.yaml"])
    _link(series / name, _outside(series))
    return rng.choice([BUILD, PRINT, ["validate"]])


def linked_template(series: Path, rng: random.Random) -> list[str]:
    name = rng.choice(["guide.html", "handout.html", "page.html", "labels.txt", "theme.yaml"])
    _link(series / "templates" / name, _outside(series))
    return rng.choice([BUILD, PRINT, ["validate"]])


def linked_folder(series: Path, rng: random.Random) -> list[str]:
    folder = elsewhere(series) / "folder"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "secret.yaml").write_text("title: " + SECRET, encoding="utf-8")
    _link(series / rng.choice(["content/handouts", "templates", "content/modules"]), folder)
    return rng.choice([BUILD, ["validate"]])


def logo_outside(series: Path, rng: random.Random) -> list[str]:
    _outside(series, "logo.png", "not read")
    _set_logo(series, rng.choice(["../elsewhere/logo.png", str(elsewhere(series) / "logo.png"),
                                  "/etc/passwd.png", "templates/../../elsewhere/logo.png"]))
    return rng.choice([BUILD, PRINT, ["validate"]])


def svg_reference(series: Path, rng: random.Random) -> list[str]:
    _outside(series, "x.png", "not a png")
    _outside(series, "other.svg", '<svg xmlns="http://www.w3.org/2000/svg"><rect id="a"/></svg>')
    href = rng.choice(['<image href="../../elsewhere/x.png" width="9" height="9"/>',
                       '<use href="../../elsewhere/other.svg#a"/>',
                       '<image href="/etc/passwd" width="9" height="9"/>',
                       '<image href="file:///etc/passwd" width="9" height="9"/>',
                       f'<image href="{elsewhere(series)}/x.png" width="9" height="9"/>'])
    (series / "templates" / "maple-valley-logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">' + href + "</svg>",
        encoding="utf-8")
    return rng.choice([BUILD, PRINT])


def bad_png(series: Path, rng: random.Random) -> list[str]:
    data = rng.choice([_png(40000, 40000), _png(9000, 9000), _png(100, 100)[:60],
                       bytes(rng.randrange(256) for _ in range(500)),
                       _png(100, 100).replace(b"IDAT", b"IDAX")])
    (series / "templates" / "logo.png").write_bytes(data)
    _set_logo(series, "templates/logo.png")
    return rng.choice([BUILD, PRINT, ["validate"], ["list"]])


def output_linked(series: Path, rng: random.Random) -> list[str]:
    (elsewhere(series)).mkdir(exist_ok=True)
    for name in ("sign-in-sheet.pdf", "facilitator-guide.pdf", "overview.pdf"):
        _outside(series, name, "someone else's file")
    link, args = rng.choice([("output/module4", PRINT), ("output/module4/print", PRINT),
                             ("output/module4", BUILD + ["--force"]),
                             ("output/module4/html", BUILD + ["--force"]),
                             ("output/series", ["build", "--all", "--jobs", "1"]),
                             ("output", BUILD)])
    _link(series / link, elsewhere(series))
    return args


def edited_manifest(series: Path, rng: random.Random) -> list[str]:
    precious = _outside(series, "precious.txt", "keep me")
    name = rng.choice(["../../elsewhere/precious.txt", str(precious), "module4/../../x",
                       "module4\\..\\..\\x", "module4/html/../../../elsewhere/precious.txt"])
    manifest = {"format": 1, "order": ["module4"], "module_files": [], "entries": {
        "module:module4": {"key": "stale", "inputs": ["../elsewhere/precious.txt"],
                           "files": [{"name": name, "pages": 1, "size": 7}]}}}
    (series / "output" / ".handouts-manifest.json").write_text(json.dumps(manifest), "utf-8")
    if rng.random() < 0.5:
        _link(series / "output" / ".handouts.lock", precious)
    return BUILD


def text_bomb(series: Path, rng: random.Random) -> list[str]:
    module = series / "content" / "modules" / "module4.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace(
        STEP, f'"{STEP} {rng.choice(TEXT_BOMBS)}"'), encoding="utf-8")
    return rng.choice([BUILD, ["validate"]])


def template_bomb(series: Path, rng: random.Random) -> list[str]:
    name = rng.choice(["guide.html", "handout.html", "labels.txt"])
    bomb = rng.choice(TEMPLATE_BOMBS)
    if name == "labels.txt":
        text = '{% extends "!builtin/labels.txt" %}\n{% block page_header %}' + bomb + \
            "{% endblock %}\n"
    else:
        text = f"<p>\n{bomb}\n</p>\n"
    (series / "templates" / name).write_text(text, encoding="utf-8")
    return BUILD


def hostile_roster(series: Path, rng: random.Random) -> list[str]:
    (series / "roster.csv").write_bytes(rng.choice(ROSTERS).encode("utf-8", "surrogateescape"))
    return ["print", "module4", "--roster", str(series / "roster.csv")]


HOSTILE: dict[str, Kind] = {
    "a series file linked outside": linked_module, "a template linked outside": linked_template,
    "a folder linked outside": linked_folder, "a logo outside": logo_outside,
    "an SVG logo referring outside": svg_reference, "a damaged or huge PNG logo": bad_png,
    "output/ or a folder in it linked outside": output_linked,
    "an edited manifest": edited_manifest, "a template bomb in text": text_bomb,
    "a bomb in the project's templates": template_bomb, "a hostile roster": hostile_roster,
}


def hostile(series: Path, rng: random.Random) -> tuple[str, list[str]]:
    """Break ``series`` one hostile way; what was done, and the command to run."""
    what = rng.choice(sorted(HOSTILE))
    args = HOSTILE[what](series, rng)
    return what, args
