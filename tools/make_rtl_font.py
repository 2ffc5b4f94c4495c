"""Make src/cs_handouts/fonts/NotoSansRTL-*.ttf: Noto Sans Arabic + Hebrew + Latin in one font.

ReportLab orders and shapes a right-to-left paragraph only when it is set in one font
(its bidi pass is for single-font paragraphs), and Arabic text mixes Latin words and
digits: so the three Debian fonts-noto-core faces are merged into one, once, here.
Run: python tools/make_rtl_font.py (needs fonttools and fonts-noto-core).
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger, Options

NOTO = Path("/usr/share/fonts/truetype/noto")
OUT = Path(__file__).resolve().parent.parent / "src/cs_handouts/fonts"

for face in ("Regular", "Bold"):
    parts = [NOTO / f"NotoSans{script}-{face}.ttf" for script in ("Arabic", "Hebrew", "")]
    font = Merger(Options(drop_tables=["vmtx", "vhea", "MATH", "DSIG"])).merge([str(p) for p in parts])
    names = font["name"]
    for record in names.names:
        if record.nameID in (1, 3, 4, 16):
            record.string = f"Noto Sans RTL {face}" if record.nameID != 1 else "Noto Sans RTL"
        elif record.nameID == 6:
            record.string = f"NotoSansRTL-{face}"
    # ReportLab asks HarfBuzz for discretionary ligatures, which join Hebrew vav and yod
    # into a Yiddish letter: keep only the default features (fontTools' subsetter's list).
    keep = subset.Options()
    keep.glyph_names, keep.notdef_outline, keep.name_IDs = True, True, ["*"]
    subsetter = subset.Subsetter(keep)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    font.save(OUT / f"NotoSansRTL-{face}.ttf")
    print(OUT / f"NotoSansRTL-{face}.ttf", (OUT / f"NotoSansRTL-{face}.ttf").stat().st_size)
