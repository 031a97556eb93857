"""Markdown to safe HTML, once, at write time."""

from __future__ import annotations

import pytest

from comments_service.rendering import render
from tests.support.html_check import disallowed


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


@pytest.mark.parametrize("markdown", [
    "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](java\tscript:alert(1))", "[x](data:text/html,hi)",
    "[x](vbscript:msgbox)", "[x](/relatief)", "[x](//evil.example)", "<javascript:alert(1)>", "![img](https://x/y.png)",
    "<img src=x onerror=alert(1)>", "<a href='javascript:alert(1)'>x</a>", "[x](https://a.nl\" onclick=\"alert(1))",
    "<script>alert(1)</script>", "<svg onload=alert(1)>", "<iframe src=https://evil>",
])
def test_nothing_dangerous_survives(markdown):
    html = render(markdown)
    assert disallowed(html) == []
    assert "javascript:" not in html.lower() or "&lt;" in html or html.startswith("<p>[")
