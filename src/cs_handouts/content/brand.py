"""Check the brand's logo file while loading, so a bad logo is a located error, not a crash.

PNG and JPG files are opened with Pillow and verified; an SVG must parse as XML
with an ``<svg>`` root. Drawing the logo is the renderers' job.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, UnidentifiedImageError

LOGO_KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
MAX_LOGO_BYTES = 5_000_000


def logo_problem(root: Path, written: str) -> str | None:
    """Why the logo ``written`` in handouts.yaml (relative to ``root``) cannot be used, or None."""
    path = root / written
    kind = LOGO_KINDS.get(path.suffix.lower())
    if kind is None:
        return f"the logo must be a PNG, JPG or SVG file, not '{written}'"
    if not path.is_file():
        return f"no file '{written}' beside handouts.yaml"
    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            return f"the logo file is too large ({size / 1_000_000:.1f} MB; the limit is 5 MB)"
        if kind == "SVG":
            return _svg_problem(path)
        with Image.open(path) as image:
            if image.format != kind:
                return f"'{path.name}' is not a {kind} image (it holds {image.format or 'no image'})"
            image.verify()
    except UnidentifiedImageError:
        return f"'{path.name}' is not a readable {kind} image"
    except OSError as error:
        return f"cannot read the logo '{path.name}': {error.strerror or error}"
    except SyntaxError as error:  # Pillow's verify() reports a damaged file this way
        return f"'{path.name}' is a damaged {kind} image ({error})"
    return None


def _svg_problem(path: Path) -> str | None:
    try:
        root = ElementTree.parse(path).getroot()  # noqa: S314 - local file the author wrote
    except ElementTree.ParseError as error:
        return f"'{path.name}' is not a readable SVG file ({error})"
    if root.tag.rsplit("}", 1)[-1] != "svg":
        return f"'{path.name}' is not an SVG image (its root element is <{root.tag}>)"
    return None
