"""The one place where user text becomes HTML: Markdown with raw HTML off, then an nh3 allow-list."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

SCHEMES = frozenset({"http", "https", "mailto"})
TAGS = frozenset({"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code"})
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "*": set()}
LINK_REL = "nofollow noopener ugc"

READER_RULES = ["emphasis", "link", "autolink", "linkify", "list", "blockquote", "backticks", "escape", "newline"]
_markdown = MarkdownIt("zero", {"html": False, "breaks": True, "linkify": True}).enable(READER_RULES)
# The author's advice may also have headings, under the page's h1, the comments' h2 and "Ons advies" (h3).
ADVICE_TAGS = TAGS | {"h4", "h5", "h6"}
_ADVICE_LEVEL = {1: 4, 2: 4, 3: 5, 4: 6, 5: 6, 6: 6}
_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")
_advice_markdown = MarkdownIt("zero", {"html": False, "breaks": True, "linkify": True}).enable([*READER_RULES, "heading"])


def _keep_absolute_links(tag: str, attribute: str, value: str) -> str | None:
    # nh3 checks the scheme of absolute URLs only; relative ones would point into this site.
    if tag == "a" and attribute == "href" and urlsplit(value).scheme.lower() not in SCHEMES:
        return None
    return value


def render(markdown: str) -> str:
    """Render a comment's Markdown to safe HTML."""
    return sanitize(_markdown.render(markdown))


def render_advice(markdown: str) -> str:
    """Render the author's advice: a comment's Markdown and headings, placed under the section's own (# and ## are
    an h4, ### an h5, deeper an h6)."""
    html = _HEADING_TAG.sub(lambda tag: f"<{tag[1]}h{_ADVICE_LEVEL[int(tag[2])]}>", _advice_markdown.render(markdown))
    return sanitize(html, ADVICE_TAGS)


def sanitize(html: str, tags: frozenset[str] = TAGS) -> str:
    """HTML reduced to the allow-list (the build passes the API's body_html through it once more)."""
    return nh3.clean(
        html,
        tags=set(tags),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(SCHEMES),
        link_rel=LINK_REL,
        attribute_filter=_keep_absolute_links,
        strip_comments=True,
    ).strip()


def plain_text(html: str) -> str:
    """The text of a rendered comment without its markup (for a schema.org Comment's text)."""
    return unescape(nh3.clean(html, tags=set())).strip()
