"""The safety net under inline markup: what ReportLab's paragraph parser refuses is found first.

Since the emphasis rules were rewritten no content text makes markup ReportLab refuses,
so the net is checked on raw ReportLab markup, and the content on every tricky case.
"""

from __future__ import annotations

import pytest

from cs_handouts.render.pdf.parsecheck import paragraph_error
from cs_handouts.text.markup import to_reportlab


def test_markup_the_parser_refuses_is_a_message_not_an_exception() -> None:
    message = paragraph_error("<b><i>bold italic</b></i>")
    assert message is not None
    assert message.startswith("the printer cannot read this text's emphasis (Parse error: saw"
                              " </b> instead of expected </i>)")
    assert paragraph_error("<b><i>bold italic</i></b>") is None


@pytest.mark.parametrize("text", ["***bold italic***", "*Ar*lington", "**a *b** c*",
                                  "*a **b* c**", "***a** b*", "** * ** *", "*" * 41,
                                  "**a [b](https://x.org/*) c**", "a < b & c > d"])
def test_content_markup_always_parses(text: str) -> None:
    assert paragraph_error(to_reportlab(text)) is None
