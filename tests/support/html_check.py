"""What may appear in rendered comment HTML, checked with the standard library's parser."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

from comments_service.rendering import ATTRIBUTES, SCHEMES, TAGS


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name == "rel" and tag == "a":
                continue
            if name not in ATTRIBUTES.get(tag, set()):
                self.problems.append(f"attribute {name} on <{tag}>")
            elif name == "href" and urlsplit(value or "").scheme.lower() not in SCHEMES:
                self.problems.append(f"href {value!r}")

    handle_startendtag = handle_starttag


def disallowed(html: str) -> list[str]:
    """Every disallowed tag, attribute or URL scheme in html."""
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit.problems
