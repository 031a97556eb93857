"""The public shape of a comment: never the e-mail address, the client hash or the token."""

from __future__ import annotations

from comments_service.domain.models import Comment
from comments_service.domain.threads import Thread
from comments_service.infra.clock import iso


def public_comment(comment: Comment, thread: Thread, replies: list[Comment] = (), endorsements: int = 0) -> dict:
    """A comment as visitors see it, with its replies nested and how many readers stand behind it: the rendered text
    only (the Markdown source stays for the writer's data page, the admin and the export)."""
    category = None
    if comment.category in thread.poll.option_ids:
        category = {"id": comment.category, "label": thread.poll.label(comment.category), "short": thread.poll.short(comment.category)}
    return {
        "id": comment.id,
        "author": comment.author,
        "body_html": comment.body_html,
        "category": category,
        "created_at": iso(comment.created_at),
        "edited_at": iso(comment.edited_at),
        "is_author": comment.is_author,
        "withdrawn": comment.withdrawn_at is not None,
        "endorsements": endorsements,
        "replies": [public_comment(reply, thread) for reply in replies],
    }
