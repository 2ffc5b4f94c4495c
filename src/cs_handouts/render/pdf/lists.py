"""Bulleted and numbered lists, nested up to three levels, as indented paragraphs."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from cs_handouts.content.model import BulletList
from cs_handouts.render.pdf.styles import Styles
from cs_handouts.render.pdf.text import Paragraph
from cs_handouts.text.markup import to_reportlab

BULLETS = ("•", "–", "‣")  # glyphs the shipped font has
INDENT = 16.0


def _marker(ordered: bool, depth: int, number: int) -> str:
    if not ordered:
        return BULLETS[depth % len(BULLETS)]
    if depth % 3 == 1:
        return f"{chr(ord('a') + (number - 1) % 26)}."
    if depth % 3 == 2:
        return f"{_roman(number)}."
    return f"{number}."


def _roman(number: int) -> str:
    numerals = (("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))
    text = ""
    for numeral, value in numerals:
        while number >= value:
            text, number = text + numeral, number - value
    return text


def bullet_list(items: BulletList, styles: Styles, depth: int = 0) -> list[Flowable]:
    """One paragraph per item, each level indented under its parent item."""
    base = styles.bullet
    step = INDENT * styles.theme.scale  # grows with the text, as every indent does
    ordered = 6 * styles.theme.scale if items.ordered else 0
    style = ParagraphStyle(f"list-{depth}", parent=base,
                           leftIndent=base.leftIndent + step * depth + ordered,
                           bulletIndent=base.bulletIndent + step * depth)
    flowables: list[Flowable] = []
    for number, item in enumerate(items.items, start=1):
        marker = _marker(items.ordered, depth, number)
        flowables.append(Paragraph(to_reportlab(item.text), style, bulletText=marker))
        if item.list is not None:
            flowables += bullet_list(item.list, styles, depth + 1)
    return flowables
