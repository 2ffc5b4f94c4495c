"""Where the fonts documents are set in live: shipped with the package, or the system's CJK."""

from __future__ import annotations

from pathlib import Path

# Where Debian (fonts-noto-cjk), Fedora and Arch put the Noto Sans CJK collections.
CJK_FOLDERS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/google-noto-cjk",
               "/usr/share/fonts/noto-cjk")
SHIPPED_FOLDER = Path(__file__).resolve().parent.parent / "fonts"


def font_files() -> list[Path]:
    """Every font file a build may read: a change to one must rebuild the documents."""
    files = sorted(SHIPPED_FOLDER.glob("*.ttf"))
    for folder in CJK_FOLDERS:
        files += sorted(Path(folder).glob("NotoSansCJK-*.ttc"))
    return files
