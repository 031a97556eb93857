"""The Atom feed of a thread's approved comments and replies, and the author's advice once published, newest
first (RFC 4287)."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from comments_service.domain.advice import Advice
from comments_service.domain.models import Comment
from comments_service.domain.threads import Thread
from comments_service.infra.clock import iso

ATOM = "http://www.w3.org/2005/Atom"
ElementTree.register_namespace("", ATOM)
# What XML 1.0 cannot hold. The edge refuses it; rows stored before it did, or restored, lose it here.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str | None) -> str | None:
    return None if text is None else NOT_XML.sub("", text)


def _add(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", {name: _xml(value) for name, value in attributes.items()})
    element.text = _xml(text)
    return element


def _advice_entry(feed: ElementTree.Element, thread: Thread, advice: Advice, post_url: str) -> None:
    entry = _add(feed, "entry")
    _add(entry, "id", f"{post_url}#ons-advies")
    _add(entry, "title", f"Ons advies: {', '.join(thread.poll.short(option) for option in advice.option_ids)}")
    _add(entry, "link", rel="alternate", type="text/html", href=f"{post_url}#ons-advies")
    _add(entry, "published", iso(advice.published_at))
    _add(entry, "updated", iso(advice.published_at))
    _add(_add(entry, "author"), "name", "De redactie")
    _add(entry, "content", advice.body_html, type="html")


def atom_feed(thread: Thread, conversation: list[tuple[Comment, list[Comment]]], public_url: str,
              advice: Advice | None = None) -> bytes:
    """The feed as UTF-8 XML; links and ids are absolute, under public_url (the site's origin, no trailing
    slash). advice: the thread's advice when it is published."""
    post_url = public_url + thread.path
    comments = [comment for parent, replies in conversation for comment in (parent, *replies) if comment.withdrawn_at is None]
    comments.sort(key=lambda comment: (comment.edited_at or comment.created_at, comment.id), reverse=True)
    feed = ElementTree.Element(f"{{{ATOM}}}feed", {"xml:lang": "nl"})
    _add(feed, "id", f"{post_url}#__comments")
    _add(feed, "title", f"Reacties op “{thread.title}”")
    _add(feed, "subtitle", thread.poll.question)
    _add(feed, "link", rel="alternate", type="text/html", href=f"{post_url}#__comments")
    _add(feed, "link", rel="self", type="application/atom+xml",
         href=f"{public_url}/api/threads/{thread.id}/comments.atom")
    updated = comments[0].edited_at or comments[0].created_at if comments else None
    if advice is not None:
        updated = max(updated or advice.published_at, advice.published_at)
    _add(feed, "updated", iso(updated) or "1970-01-01T00:00:00Z")
    _add(_add(feed, "author"), "name", "Lezers van de blog")
    for comment in comments:
        if advice is not None and (comment.edited_at or comment.created_at) < advice.published_at:
            _advice_entry(feed, thread, advice, post_url)  # in its place among the newest-first entries
            advice = None
        entry = _add(feed, "entry")
        _add(entry, "id", f"{post_url}#reactie-{comment.id}")
        label = thread.poll.short(comment.category) if comment.category in thread.poll.option_ids else None
        title = f"Antwoord van {comment.author}" if comment.parent_id else f"{comment.author}: {label or 'reactie'}"
        _add(entry, "title", title)
        _add(entry, "link", rel="alternate", type="text/html", href=f"{post_url}#reactie-{comment.id}")
        _add(entry, "published", iso(comment.created_at))
        _add(entry, "updated", iso(comment.edited_at or comment.created_at))
        _add(_add(entry, "author"), "name", comment.author)
        if label:
            _add(entry, "category", term=comment.category, label=label)
        _add(entry, "content", comment.body_html, type="html")
    if advice is not None:
        _advice_entry(feed, thread, advice, post_url)
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
