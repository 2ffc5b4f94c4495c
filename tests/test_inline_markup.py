"""Inline markup: CommonMark's emphasis rules, links and blanks, in ReportLab and HTML."""

from __future__ import annotations

import pytest

from cs_handouts.text.inline import link_problems
from cs_handouts.text.markup import plain, to_html, to_reportlab


@pytest.mark.parametrize(("text", "html"), [
    ("*Ar*lington", "<em>Ar</em>lington"),
    ("***bold italic***", "<em><strong>bold italic</strong></em>"),
    ("**bold** and *italic*", "<strong>bold</strong> and <em>italic</em>"),
    ("2 * 3 * 4", "2 * 3 * 4"),
    ("a **b *c* d** e", "a <strong>b <em>c</em> d</strong> e"),
    ("**foo*", "*<em>foo</em>"),
    ("*foo**bar**baz*", "<em>foo<strong>bar</strong>baz</em>"),
    ("***a** b*", "<em><strong>a</strong> b</em>"),
    ("snake_case and x ** y", "snake_case and x ** y"),
    (r"\*not emphasis\*", "*not emphasis*"),
    ("<b> & co", "&lt;b&gt; &amp; co"),
    # Emphasis around a link or a blank: the delimiters sit outside the link's text.
    ("**[Sign up](https://a.example/b)**", '<strong><a href="https://a.example/b">Sign up</a></strong>'),
    ("*see [the site](https://a.example) now*",
     '<em>see <a href="https://a.example">the site</a> now</em>'),
    ("**[a](https://a.example)** and **b**",
     '<strong><a href="https://a.example">a</a></strong> and <strong>b</strong>'),
])
def test_emphasis_follows_commonmark(text: str, html: str) -> None:
    assert to_html(text) == html


def test_links_print_their_address_on_paper_and_link_on_screen() -> None:
    text = "See [the guide](https://example.org/a?b=1&c=2) or [mail us](mailto:x@example.org)."
    assert to_html(text) == ('See <a href="https://example.org/a?b=1&amp;c=2">the guide</a> or'
                             ' <a href="mailto:x@example.org">mail us</a>.')
    pdf = to_reportlab(text)
    assert '<a href="https://example.org/a?b=1&amp;c=2"><u>the guide</u></a>' in pdf
    assert "(https://example.org/a?b=1&amp;c=2)" in pdf  # the address, printed muted
    assert "(x@example.org)" in pdf and "(mailto:" not in pdf
    assert plain(text) == "See the guide or mail us."
    assert to_reportlab("[https://example.org](https://example.org)").count("example.org") == 2


def test_a_link_address_may_hold_brackets() -> None:
    assert 'href="https://en.wikipedia.org/wiki/Foo_(bar)"' in to_html(
        "[Foo](https://en.wikipedia.org/wiki/Foo_(bar))")


@pytest.mark.parametrize(("text", "problem"), [
    ("[x](javascript:alert)", "must start with https://, http:// or mailto:"),
    ("[x](file:///etc/passwd)", "must start with https://, http:// or mailto:"),
    ("[x](example.org)", "must start with https://, http:// or mailto:"),
    ("[x](https://)", "has no host name"),
])
def test_only_web_and_mail_addresses_are_links(text: str, problem: str) -> None:
    assert problem in " ".join(link_problems(text))


def test_blanks_are_lines_and_named_fields() -> None:
    text = "I'm {{ blank }} and this is {{ blank(20) }}."
    assert to_reportlab(text) == f"I’m {'_' * 12} and this is {'_' * 20}."  # typographic’
    marked = to_reportlab(text, "h.text1")
    assert 'label="h.text1.blank1|12"' in marked and 'label="h.text1.blank2|20"' in marked
    html = to_html(text, "h.text1", first=3)
    assert 'name="h.text1.blank3"' in html and 'aria-label="Blank 4"' in html
    assert 'class="blank"' in to_html(text) and "<input" not in to_html(text)
