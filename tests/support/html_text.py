"""Plain text and links out of built HTML, with the standard library's parser."""

from __future__ import annotations

from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self._skip += 1
        elif tag in {"p", "div", "h1", "h2", "h3", "li", "br", "section", "article"}:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"}:
            self._skip -= 1
        elif tag in {"p", "div", "h1", "h2", "h3", "li", "section", "article"}:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return " ".join(text.split())


def html_text(html: str) -> str:
    """The visible text of an HTML document, whitespace-normalised."""
    parser = _Text()
    parser.feed(html)
    return normalise("".join(parser.parts))
