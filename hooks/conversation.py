"""MkDocs hook: the approved conversation and the tally of each post with comments, built into the page.

From the service (COMMENTS_API_URL: its origin, such as http://127.0.0.1:8000) or from a snapshot of its
public answers (COMMENTS_SNAPSHOT: a file written by `flask --app comments_service snapshot FILE`). When
neither answers, the build goes on: one INFO line says so, and the page loads everything live."""

from __future__ import annotations

import json
import logging
import os
import urllib.request
from datetime import datetime
from urllib.parse import parse_qsl, quote, urlencode

from comments_service.domain.dutch import moment
from comments_service.domain.limits import READER_PAGE
from comments_service.domain.rendering import plain_text, sanitize
from comments_service.domain.tally import ranked
from comments_service.infra.link_header import next_query
from comments_service.site.advice_page import advice_shown, follows
from comments_service.site.answers import whole

log = logging.getLogger("mkdocs.hooks.conversation")
TIMEOUT_SECONDS = 10
_cache: dict[str, dict | None] = {}


def on_config(config):
    _cache.clear()
    return config


def on_page_markdown(markdown, page, config, files):
    """Hand the template the thread's conversation (or None: the widget loads it live)."""
    if page.meta.get("comments") and page.meta.get("slug"):
        page.meta["conversation"] = conversation(page.meta["slug"])
        page.meta["options"] = in_tally_order(page.meta["poll"]["options"], page.meta["conversation"])
    return markdown


def in_tally_order(options: list[dict], built: dict | None) -> list[dict]:
    """The front matter's options (their labels are the site's own) in the tally's order, the leader marked, when
    the build has the tally; else as written."""
    if built is None:
        return options
    place = {option["id"]: (number, option["leader"]) for number, option in enumerate(built["ranking"])}
    unknown = (len(place), False)
    return [option | {"leader": place.get(option["id"], unknown)[1]}
            for option in sorted(options, key=lambda option: place.get(option["id"], unknown)[0])]


def on_page_context(context, page, config, nav):
    """The post's schema.org BlogPosting as JSON-LD, with the comments when the build has them."""
    if page.meta.get("comments"):
        page.meta["json_ld"] = json_ld(page, page.meta.get("conversation"))
    return context


def conversation(thread: str) -> dict | None:
    if thread not in _cache:
        _cache[thread] = _fetch(thread)
    return _cache[thread]


def _fetch(thread: str) -> dict | None:
    snapshot, api = os.environ.get("COMMENTS_SNAPSHOT"), os.environ.get("COMMENTS_API_URL")
    if not snapshot and not api:
        log.info("comments: neither COMMENTS_API_URL nor COMMENTS_SNAPSHOT is set; the page loads the conversation live")
        return None
    try:
        if snapshot:
            with open(snapshot, encoding="utf-8") as file:
                return _prepared(thread, json.load(file)["threads"][thread])
        base = f"{api.rstrip('/')}/api/threads/{thread}"
        comments, headers = _get(f"{base}/comments?limit={READER_PAGE}")
        poll = _get(f"{base}/poll")[0]
        published = isinstance(poll.get("advice"), dict) and poll["advice"].get("state") == "published"
        return _prepared(thread, {"comments": comments, "poll": poll, "advice": _get(f"{base}/advice")[0] if published else None,
                                  "total": whole(headers.get("X-Total-Count")), "next": next_query(headers.get("Link", ""))})
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.info("comments: %s gave no conversation for %r (%s); the page loads it live", snapshot or api, thread, exc)
        return None


def _get(url: str):
    with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
        return json.load(response), response.headers


def _prepared(thread: str, data: dict) -> dict:
    """The API's answers as the template shows them: HTML sanitised once more, dates written out, the options by
    count, and the plain page that holds the answers after the first page (for readers without JavaScript)."""
    comments = [_comment(comment) for comment in data["comments"]]
    poll = data["poll"] | {"options": [option | {"count": whole(option["count"]), "percent": whole(option["percent"]),
                                                 "endorsements": whole(option.get("endorsements"))}
                                       for option in data["poll"]["options"]]}
    following = data.get("next")
    total = whole(data.get("total", len(comments)))
    if following is not None and not isinstance(following, str):
        raise TypeError("a snapshot's next page is a query string")
    return {"comments": comments, "poll": poll, "counts": {option["id"]: option for option in poll["options"]},
            "ranking": ranked(poll["options"]), "advice": advice_shown(data.get("advice")),
            "follows": follows(data["poll"].get("advice")),
            "more": f"/api/threads/{quote(thread)}/reacties?{urlencode(parse_qsl(following))}" if following else None,
            "count": sum(1 + len(comment["replies"]) for comment in comments) if not following else total}


def json_ld(page, conversation: dict | None) -> str:
    """BlogPosting, with commentCount and the comments (replies nested) when known; safe inside <script>."""
    posting = {
        "@context": "https://schema.org", "@type": "BlogPosting", "headline": page.title,
        "url": page.canonical_url, "inLanguage": "nl", "description": page.meta.get("description"),
        "datePublished": str((page.meta.get("date") or {}).get("created", "")) or None,
    }
    if conversation is not None:
        posting["commentCount"] = conversation["count"]
        posting["comment"] = [_ld_comment(comment, page.canonical_url) for comment in conversation["comments"]]
    text = json.dumps({key: value for key, value in posting.items() if value is not None}, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _ld_comment(comment: dict, url: str | None) -> dict:
    """A comment as schema.org's Comment; one its writer withdrew says so, with no author."""
    said = ({"text": "Deze reactie is ingetrokken."} if comment.get("withdrawn") is True else
            {"text": plain_text(comment["body_html"]), "author": {"@type": "Person", "name": comment["author"]},
             **({"upvoteCount": comment["endorsements"]} if comment.get("endorsements") else {})})
    return {"@type": "Comment", "@id": f"{url or ''}#reactie-{comment['id']}", **said, "dateCreated": comment["created_at"],
            **({"comment": [_ld_comment(reply, url) for reply in comment["replies"]]} if comment["replies"] else {})}


def _comment(comment: dict) -> dict:
    created = datetime.fromisoformat(comment["created_at"].replace("Z", "+00:00"))
    return {**comment, "body_html": sanitize(comment["body_html"]), "date_text": moment(created),
            "endorsements": whole(comment.get("endorsements")),
            "replies": [_comment(reply) for reply in comment.get("replies", [])]}
