"""What may appear in rendered comment HTML, checked with the standard library's parser.

The allow-list is written out here, not imported from the product: widening the sanitiser must make a test
fail (test_rendering compares the two), never widen the check with it."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

TAGS = frozenset({"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code"})
ATTRIBUTES = {"a": frozenset({"href", "title", "rel"}), "ol": frozenset({"start"})}
SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener ugc"


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name not in ATTRIBUTES.get(tag, frozenset()):
                self.problems.append(f"attribute {name} on <{tag}>")
            elif name == "href" and urlsplit(value or "").scheme.lower() not in SCHEMES:
                self.problems.append(f"href {value!r}")
            elif name == "rel" and value != LINK_REL:
                self.problems.append(f"rel {value!r}")

    handle_startendtag = handle_starttag


def disallowed(html: str) -> list[str]:
    """Every disallowed tag, attribute, URL scheme or link rel in html."""
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit.problems
