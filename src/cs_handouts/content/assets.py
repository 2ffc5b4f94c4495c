"""Pictures the content names: found inside the series folder only, and checked as images.

The loader resolves each ``image: {file: ...}`` here and hands the renderers the resolved
path, so nothing later reads a path that an author (or a symlink) points elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError

from cs_handouts.content.brand import svg_problem
from cs_handouts.content.media import IMAGE_SUFFIXES

MAX_IMAGE_BYTES = 20_000_000
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is drawn
_KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}


def resolve_image(root: Path, written: str) -> tuple[Path | None, str | None]:
    """The image file ``written`` (relative to the series folder), or why it cannot be used."""
    if Path(written).suffix.lower() not in IMAGE_SUFFIXES:
        return None, f"an image must be a PNG, JPG or SVG file, not '{written}'"
    if Path(written).is_absolute():
        return None, f"write the image's path relative to the series folder, not '{written}'"
    base = root.resolve()
    path = (base / written).resolve()
    # Compare resolved paths, not strings: '../' and symlinks must not lead outside.
    if not path.is_relative_to(base):
        return None, f"'{written}' is outside the series folder; images are read only from inside it"
    if not path.is_file():
        return None, f"no image file '{written}' in the series folder"
    problem = _image_problem(path)
    if problem is None and path.suffix.lower() == ".svg":
        problem = svg_problem(base, path)  # its <image> and <use> must stay in the series too
    return (None, problem) if problem else (path, None)


def _image_problem(path: Path) -> str | None:
    kind = _KINDS[path.suffix.lower()]
    try:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            return f"the image '{path.name}' is too large ({size / 1_000_000:.1f} MB; the limit is 20 MB)"
        if kind == "SVG":
            return _svg_image_problem(path)
        with Image.open(path) as image:
            if image.format != kind:
                return f"'{path.name}' is not a {kind} image (it holds {image.format or 'no image'})"
            if image.width * image.height > MAX_PIXELS:
                return f"the image '{path.name}' has too many pixels ({image.width}×{image.height})"
            image.verify()
        with Image.open(path) as image:
            image.load()  # decode it all: a file cut short fails here, not while rendering
    except UnidentifiedImageError:
        return f"'{path.name}' is not a readable {kind} image"
    except OSError as error:
        return f"cannot read the image '{path.name}': {error.strerror or error}"
    except (SyntaxError, Image.DecompressionBombError) as error:
        return f"'{path.name}' is a damaged or oversized {kind} image ({error})"
    return None


def _svg_image_problem(path: Path) -> str | None:
    """Why an SVG image file is not one (unreadable XML, another root element), or None."""
    from xml.etree import ElementTree  # imported here: about 2 ms, only for SVG images

    try:
        root = ElementTree.parse(path).getroot()  # noqa: S314 - a file of the series itself
    except ElementTree.ParseError as error:
        return f"'{path.name}' is not a readable SVG file ({error})"
    if root.tag.rsplit("}", 1)[-1] != "svg":
        return f"'{path.name}' is not an SVG image (its root element is <{root.tag}>)"
    return None
