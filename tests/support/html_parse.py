"""HTML read with the standard library's parser, once for every test: the elements with their attributes,
and the visible text."""

from __future__ import annotations

from html.parser import HTMLParser

_HIDDEN = frozenset({"script", "style", "template"})
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "li", "br", "section", "article"})


class Parsed(HTMLParser):
    """elements: every start tag as (tag, {attribute: value}), in order; text: the visible text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self._parts: list[str] = []
        self._hidden = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self._parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self._hidden -= 1
        elif tag in _BLOCKS:
            self._parts.append(" ")

    def handle_data(self, data):
        if not self._hidden:
            self._parts.append(data)

    @property
    def text(self) -> str:
        return normalise("".join(self._parts))


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return " ".join(text.split())


def html_text(html: str) -> str:
    """The visible text of an HTML document, whitespace-normalised."""
    return Parsed(html).text
