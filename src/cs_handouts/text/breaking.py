"""Where a line of Chinese or Japanese may break: between any two characters, but kinsoku.

Kinsoku shori (JIS X 4051, and the Chinese rules of W3C's clreq): closing punctuation,
full-width commas and stops, small kana and iteration marks never start a line; opening
brackets and quotation marks never end one.
"""

from __future__ import annotations

# Never at the start of a line.
NO_START = frozenset(
    "、。，．：；？！）］｝〕〉》」』】〙〗〟｠’”»›"  # closing and stops, full width and CJK
    ",.:;?!)]}%‰°′″℃"  # their half-width forms, and signs that follow a number
    "…‥・ー゠〜～ゝゞヽヾ々〻"  # ellipses, middle dot, prolonged sound, iteration marks
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"  # small kana
)
# Never at the end of a line.
NO_END = frozenset("（［｛〔〈《「『【〘〖〝｟‘“«‹([{¥$£＄￥＃#")


def break_allowed(before: str, after: str) -> bool:
    """Whether a line may end after ``before`` when ``after`` comes next."""
    return after not in NO_START and before not in NO_END
