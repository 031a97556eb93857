"""Markdown to safe HTML, once, at write time."""

from __future__ import annotations

import pytest

from comments_service.domain import rendering
from comments_service.domain.rendering import plain_text, render, sanitize
from tests.support.html_check import ATTRIBUTES, LINK_REL, SCHEMES, TAGS, disallowed
from tests.support.html_parse import Parsed


def test_the_products_allow_list_is_the_one_written_in_the_tests():
    assert rendering.TAGS == TAGS
    assert {tag: set(names) for tag, names in rendering.ATTRIBUTES.items() if names} == {
        tag: set(names) - {"rel"} for tag, names in ATTRIBUTES.items()}  # rel is nh3's own, always LINK_REL
    assert rendering.SCHEMES == SCHEMES and rendering.LINK_REL == LINK_REL


EVERY_TAG = ["p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "img", "script", "style", "div",
             "span", "iframe", "svg", "math", "form", "input", "table", "h1", "pre", "b", "i", "u", "s", "sup"]


@pytest.mark.parametrize("tag", EVERY_TAG)
def test_the_sanitiser_keeps_only_the_written_allow_list(tag):
    attributes = ('href="https://x.example" title="t" start="2" style="color:red" class="c" id="i" onclick="alert(1)" '
                  'src="https://x.example/a.png" rel="me" target="_blank" data-x="1" lang="nl" dir="rtl"')
    html = sanitize(f"<{tag} {attributes}>tekst</{tag}>")
    assert disallowed(html) == [], html
    if tag in TAGS:
        assert f"<{tag}" in html


@pytest.mark.parametrize(("markdown", "html"), [
    ("Hallo *wereld*", "<p>Hallo <em>wereld</em></p>"),
    ("**vet**", "<p><strong>vet</strong></p>"),
    ("regel 1\nregel 2", "<p>regel 1<br>\nregel 2</p>"),
    ("- een\n- twee", "<ul>\n<li>een</li>\n<li>twee</li>\n</ul>"),
    ("1. een\n2. twee", "<ol>\n<li>een</li>\n<li>twee</li>\n</ol>"),
    ("> citaat", "<blockquote>\n<p>citaat</p>\n</blockquote>"),
    ("`a < b`", "<p><code>a &lt; b</code></p>"),
    ("[site](https://example.nl)", '<p><a href="https://example.nl" rel="nofollow noopener ugc">site</a></p>'),
    ("<https://example.nl>", '<p><a href="https://example.nl" rel="nofollow noopener ugc">https://example.nl</a></p>'),
    ("[mail](mailto:a@example.nl)", '<p><a href="mailto:a@example.nl" rel="nofollow noopener ugc">mail</a></p>'),
    ("# geen kop", "<p># geen kop</p>"),
    ("<b>rauw</b>", "<p>&lt;b&gt;rauw&lt;/b&gt;</p>"),
])
def test_the_supported_markdown(markdown, html):
    assert render(markdown) == html


REL = 'rel="nofollow noopener ugc"'


@pytest.mark.parametrize(("markdown", "expected"), [
    # A link to a scheme outside the allow-list is no link at all: the reader's text stays as typed.
    ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
    ("[x](JAVASCRIPT:alert(1))", "<p>[x](JAVASCRIPT:alert(1))</p>"),
    ("[x](java\tscript:alert(1))", "<p>[x](java\tscript:alert(1))</p>"),
    ("[x](data:text/html,hi)", "<p>[x](data:text/html,hi)</p>"),
    ("[x](vbscript:msgbox)", "<p>[x](vbscript:msgbox)</p>"),
    ('[x](https://a.nl" onclick="alert(1))',  # the bare URL becomes a link; the rest stays text
     '<p>[x](<a href="https://a.nl" rel="nofollow noopener ugc">https://a.nl</a>" onclick="alert(1))</p>'),
    # Relative and protocol-relative targets lose their href (the sanitiser allows only absolute URLs).
    ("[x](/relatief)", f"<p><a {REL}>x</a></p>"),
    ("[x](//evil.example)", f"<p><a {REL}>x</a></p>"),
    ("![img](https://x/y.png)", f'<p>!<a href="https://x/y.png" {REL}>img</a></p>'),  # no images: a link
    # Raw HTML is text.
    ("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>"),
    ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
    ("<a href='javascript:alert(1)'>x</a>", "<p>&lt;a href='javascript:alert(1)'&gt;x&lt;/a&gt;</p>"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("<svg onload=alert(1)>", "<p>&lt;svg onload=alert(1)&gt;</p>"),
    ("<iframe src=https://evil>", '<p>&lt;iframe src=<a href="https://evil" rel="nofollow noopener ugc">https://evil</a>&gt;</p>'),
])
def test_nothing_dangerous_survives(markdown, expected):
    html = render(markdown)
    assert disallowed(html) == []
    assert html == expected


@pytest.mark.parametrize(("text", "links"), [
    ("Zie https://example.nl/pad?a=1 voor meer.", ["https://example.nl/pad?a=1"]),
    ("Op www.voorbeeld.nl staat het.", ["http://www.voorbeeld.nl"]),
    ("Mail me: lezer@example.nl", ["mailto:lezer@example.nl"]),
    ("Twee: https://a.example.nl en http://b.example.nl/x.", ["https://a.example.nl", "http://b.example.nl/x"]),
    ("Geen link: javascript:alert(1), data:text/html,x, vbscript:msgbox", []),
    ("Versie 2.0, bijv. dit, t.b.v. dat", []),
    ("`https://example.nl` in code blijft code", []),
])
def test_bare_urls_become_links_under_the_same_allow_list(text, links):
    html = render(text)
    found = [attrs for tag, attrs in Parsed(html).elements if tag == "a"]
    assert [attrs["href"] for attrs in found] == links
    assert all(attrs["rel"] == LINK_REL for attrs in found) and disallowed(html) == []


@pytest.mark.parametrize(("html", "text"), [
    ("<p>Bel <strong>samen</strong> &amp; leer</p>", "Bel samen & leer"),
    ("\n<p>Een</p>\n<p>Twee &lt;b&gt;</p>\n", "Een\nTwee <b>"),
    ('<p><a href="https://example.nl" rel="nofollow">link</a> &quot;x&quot;</p>', 'link "x"'),
])
def test_the_plain_text_of_a_comment_has_no_markup_and_its_entities_read_as_text(html, text):
    assert plain_text(html) == text


@pytest.mark.parametrize("html", [
    "<p>a<!-- verborgen --></p>",
    "<p>a<!--[if IE]><script>alert(1)</script><![endif]--></p>",
    "<p>a<!--></p>",
])
def test_html_comments_never_pass_the_sanitiser(html):
    """What a hostile snapshot or API answer may hold (the build sanitises it again): no comment, no conditional one."""
    assert sanitize(html) == "<p>a</p>"
