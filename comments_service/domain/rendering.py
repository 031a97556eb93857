"""The one place where user text becomes HTML: Markdown with raw HTML off, then an nh3 allow-list."""

from __future__ import annotations

from html import unescape
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

SCHEMES = frozenset({"http", "https", "mailto"})
TAGS = frozenset({"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code"})
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "*": set()}
LINK_REL = "nofollow noopener ugc"

_markdown = MarkdownIt("zero", {"html": False, "breaks": True, "linkify": True}).enable(
    ["emphasis", "link", "autolink", "linkify", "list", "blockquote", "backticks", "escape", "newline"]
)


def _keep_absolute_links(tag: str, attribute: str, value: str) -> str | None:
    # nh3 checks the scheme of absolute URLs only; relative ones would point into this site.
    if tag == "a" and attribute == "href" and urlsplit(value).scheme.lower() not in SCHEMES:
        return None
    return value


def render(markdown: str) -> str:
    """Render a comment's Markdown to safe HTML."""
    return sanitize(_markdown.render(markdown))


def sanitize(html: str) -> str:
    """HTML reduced to the allow-list (the build passes the API's body_html through it once more)."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(SCHEMES),
        link_rel=LINK_REL,
        attribute_filter=_keep_absolute_links,
        strip_comments=True,
    ).strip()


def plain_text(html: str) -> str:
    """The text of a rendered comment without its markup (for a schema.org Comment's text)."""
    return unescape(nh3.clean(html, tags=set())).strip()
