"""Make src/cs_handouts/fonts/web/: the web pages' Noto Sans as small WOFF2 range subsets.

Each shipped face is cut into the script ranges of ``cs_handouts.render.webfonts.RANGES``
(Google Fonts' ranges for Noto Sans), hinting dropped (screens and printers of today
do not need it), every OpenType feature kept. The output is the same on every run.
Run: python tools/make_web_fonts.py (needs fonttools and brotli: pip install brotli).
"""

from __future__ import annotations

import io
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from cs_handouts.render.webfonts import RANGES, WEB_FACES

FONTS = Path(__file__).resolve().parent.parent / "src/cs_handouts/fonts"
FAMILIES = ("NotoSans",)

(FONTS / "web").mkdir(exist_ok=True)
for family in FAMILIES:
    for face, _, _ in WEB_FACES:
        data = (FONTS / f"{family}-{face}.ttf").read_bytes()
        for name, pairs in RANGES.items():
            font = TTFont(io.BytesIO(data), recalcTimestamp=False)
            options = subset.Options()
            options.flavor, options.hinting, options.notdef_outline = "woff2", False, True
            options.layout_features, options.name_IDs, options.name_languages = ["*"], ["*"], ["*"]
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes={c for low, high in pairs for c in range(low, high + 1)})
            subsetter.subset(font)
            out = FONTS / "web" / f"{family}-{face}.{name}.woff2"
            font.flavor = "woff2"
            font.save(out)
            print(out.relative_to(FONTS), out.stat().st_size)
