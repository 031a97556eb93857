"""What may appear in rendered comment HTML, checked with the standard library's parser.

The allow-list is written out here, not imported from the product: widening the sanitiser must make a test
fail (test_rendering compares the two), never widen the check with it."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.support.html_parse import Parsed

TAGS = frozenset({"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code"})
ATTRIBUTES = {"a": frozenset({"href", "title", "rel"}), "ol": frozenset({"start"})}
SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener ugc"


def disallowed(html: str) -> list[str]:
    """Every disallowed tag, attribute, URL scheme or link rel in html."""
    problems = []
    for tag, attrs in Parsed(html).elements:
        if tag not in TAGS:
            problems.append(f"tag <{tag}>")
        for name, value in attrs.items():
            if name not in ATTRIBUTES.get(tag, frozenset()):
                problems.append(f"attribute {name} on <{tag}>")
            elif name == "href" and urlsplit(value or "").scheme.lower() not in SCHEMES:
                problems.append(f"href {value!r}")
            elif name == "rel" and value != LINK_REL:
                problems.append(f"rel {value!r}")
    return problems
