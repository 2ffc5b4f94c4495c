"""Check the brand's logo file while loading, so a bad logo is a located error, not a crash.

The logo must lie inside the series folder (see ``project.series_path``). PNG and JPG
files are opened with Pillow, their size in pixels bounded before anything is
decoded, then decoded in full, so a file cut short or a decompression bomb is
found here and never while rendering. An SVG must parse as XML with an ``<svg>``
root; the files it refers to (``<image href>``, ``<use href>``) must lie inside the
series too, and images among them (or embedded as data) pass the same checks.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import warnings
from pathlib import Path
from typing import IO

from PIL import Image, UnidentifiedImageError

from cs_handouts.project import outside_message, outside_series

LOGO_KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
MAX_LOGO_BYTES = 5_000_000
# A logo prints an inch or two wide: 3,000 x 3,000 pixels is 1,000 dpi at three inches.
# Decoding is what costs (a 40,000 x 40,000 PNG of a few kilobytes asks for 4.8 GB).
MAX_LOGO_PIXELS = 10_000_000
_HREF = re.compile(r"^\{http://www\.w3\.org/1999/xlink\}href$|^href$")
_DATA_IMAGE = re.compile(r"^data:image/(png|jpe?g);base64,", re.IGNORECASE)


def logo_problem(root: Path, written: str) -> str | None:
    """Why the logo ``written`` in handouts.yaml (relative to ``root``) cannot be used, or None."""
    path = root / written
    kind = LOGO_KINDS.get(path.suffix.lower())
    if kind is None:
        return f"the logo must be a PNG, JPG or SVG file, not '{written}'"
    if outside_series(root, path):  # checked before anything is opened, even a stat
        return f"'{written}' is {outside_message(Path(written), root)}"
    if not path.is_file():
        return f"no file '{written}' beside handouts.yaml"
    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            return f"the logo file is too large ({size / 1_000_000:.1f} MB; the limit is 5 MB)"
        if kind == "SVG":
            return svg_problem(root, path)
        with path.open("rb") as stream:
            return _raster_problem(stream, path.name, kind)
    except OSError as error:
        return f"cannot read the logo '{path.name}': {error.strerror or error}"


def _raster_problem(stream: IO[bytes], name: str, kind: str | None) -> str | None:
    """Why a PNG or JPEG image cannot be drawn: wrong kind, too many pixels, damaged; or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(stream) as image:
                if kind is not None and image.format != kind:
                    return f"'{name}' is not a {kind} image (it holds {image.format or 'no image'})"
                if image.format not in ("PNG", "JPEG"):
                    return f"'{name}' is not a PNG or JPEG image"
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS:
                    return (f"'{name}' is {width} x {height} pixels, too large for a logo (at"
                            f" most {MAX_LOGO_PIXELS // 1_000_000} million pixels, such as"
                            " 3000 x 3000): scale it down")
                image.load()  # decode it all: a file cut short fails here, not while rendering
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"'{name}' asks for too many pixels to be a logo: scale it down"
    except UnidentifiedImageError:
        return f"'{name}' is not a readable {kind or 'PNG or JPEG'} image"
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        # Pillow reports damage in many ways ("image file is truncated", broken chunks).
        what = kind or "embedded"
        return f"'{name}' is a damaged {what} image ({_first_line(error)})"
    return None


def svg_problem(root: Path, path: Path) -> str | None:
    """Why an SVG file of the series cannot be drawn (not SVG, or it refers outside), or None."""
    from lxml import etree  # imported here: about 5 ms that a series without SVG files never needs

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        svg = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as error:
        return f"'{path.name}' is not a readable SVG file ({_first_line(error)})"
    if not isinstance(svg.tag, str) or svg.tag.rsplit("}", 1)[-1] != "svg":
        return f"'{path.name}' is not an SVG image (its root element is <{svg.tag}>)"
    for element in svg.iter():
        for attribute, value in element.attrib.items():
            if _HREF.match(str(attribute)):
                problem = _reference_problem(root, path, str(value).strip())
                if problem:
                    return problem
    return None


def _reference_problem(root: Path, svg: Path, href: str) -> str | None:
    """Why a reference inside the SVG logo cannot be followed, or None."""
    if not href or href.startswith("#"):
        return None
    data = _DATA_IMAGE.match(href)
    if data:
        try:
            raw = base64.b64decode(href[data.end():], validate=False)
        except (binascii.Error, ValueError):
            return f"'{svg.name}' embeds an image that is not valid base64"
        return _raster_problem(io.BytesIO(raw), f"{svg.name}: embedded image", None)
    target = href.split("#", 1)[0]
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
        return (f"'{svg.name}' refers to '{_short(href)}'; an SVG image may only use files of"
                " the series")
    full = svg.parent / target
    if outside_series(root, full):
        return (f"'{svg.name}' refers to '{_short(href)}', outside the series folder; an SVG image"
                " may only use files inside the series folder")
    kind = LOGO_KINDS.get(full.suffix.lower())
    if kind is not None and kind != "SVG" and full.is_file():
        with full.open("rb") as stream:
            return _raster_problem(stream, f"{svg.name}: {target}", kind)
    return None


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _first_line(error: BaseException) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0]
