"""The ink-saving theme for ``handouts print --grayscale``: greys for colours, no tinted fills."""

from __future__ import annotations

from cs_handouts.content.theme import Theme

# Fills are dropped (white): background tints and the solid heading rows of charts and
# tables, whose text turns dark. Every other colour becomes the grey of the same
# lightness, so headings and rules stay as legible as in colour.
_DROPPED_FILLS = ("fill", "script", "head")


def grayscale_theme(theme: Theme) -> Theme:
    """``theme`` with every colour turned grey and its fills dropped."""
    colours = {name: _grey(value) for name, value in theme.colors.model_dump().items()
               if value is not None}
    colours.update(dict.fromkeys(_DROPPED_FILLS, "#FFFFFF"))
    colours["head_text"] = colours["text"]
    return theme.model_copy(update={"colors": theme.colors.model_copy(update=colours)})


def _grey(colour: str) -> str:
    """The grey of the same perceived lightness (Rec. 601 luma) as a '#RRGGBB' colour."""
    value = colour.lstrip("#")
    if len(value) != 6:
        return colour
    red, green, blue = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    luma = round(0.299 * red + 0.587 * green + 0.114 * blue)
    return f"#{luma:02X}{luma:02X}{luma:02X}"
