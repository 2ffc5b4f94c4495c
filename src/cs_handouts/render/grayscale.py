"""The ink-saving theme for ``handouts print --grayscale``: greys for colours, no tinted fills."""

from __future__ import annotations

from cs_handouts.render.theme import Theme

# Fills that only tint a background are dropped (white); the rest become greys of the
# same lightness, so headings, rules and chart heads stay as legible as in colour.
_DROPPED_FILLS = ("fill", "script")


def grayscale_theme(theme: Theme) -> Theme:
    """``theme`` with every colour turned grey and its background tints dropped."""
    colours = {name: _grey(value) for name, value in theme.colors.model_dump().items()}
    colours.update(dict.fromkeys(_DROPPED_FILLS, "#FFFFFF"))
    return theme.model_copy(update={"colors": theme.colors.model_copy(update=colours)})


def _grey(colour: str) -> str:
    """The grey of the same perceived lightness (Rec. 601 luma) as a '#RRGGBB' colour."""
    value = colour.lstrip("#")
    if len(value) != 6:
        return colour
    red, green, blue = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    luma = round(0.299 * red + 0.587 * green + 0.114 * blue)
    return f"#{luma:02X}{luma:02X}{luma:02X}"
