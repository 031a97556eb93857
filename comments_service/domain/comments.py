"""Posting and withdrawing comments, and reading a thread's approved conversation."""

from __future__ import annotations

from datetime import datetime, timedelta

from comments_service.domain.errors import DomainError, InvalidInput
from comments_service.domain.models import Comment, Status
from comments_service.domain.rendering import render
from comments_service.domain.threads import Thread
from comments_service.domain.validation import NewComment
from comments_service.infra.clients import new_token, token_matches
from comments_service.infra.database import db

POLL_CLOSED = "Deze peiling is gesloten: er kunnen geen nieuwe antwoorden meer bij. Reageren op een reactie kan nog wel."
NO_PARENT = "Je kunt alleen antwoorden op een gepubliceerde reactie onder deze blog."
CANNOT_WITHDRAW = "Deze reactie kan niet (meer) worden ingetrokken."


def post_comment(thread: Thread, new: NewComment, client: str, now: datetime) -> tuple[Comment, str]:
    """Store a pending comment (a bot's as spam) and return it with its withdraw token."""
    if new.parent_id is None and thread.poll.closed:
        raise DomainError("poll_closed", POLL_CLOSED)
    if new.parent_id is not None:
        parent = db.session.get(Comment, new.parent_id)
        if parent is None or parent.thread != thread.id or parent.parent_id is not None or parent.status != Status.APPROVED \
                or parent.withdrawn_at is not None:
            raise InvalidInput({"parent_id": NO_PARENT})
    token, token_hash = new_token()
    comment = Comment(
        thread=thread.id, parent_id=new.parent_id, author=new.author, email=new.email, body=new.body,
        body_html=render(new.body), category=new.category,
        status=Status.SPAM if new.is_bot else Status.PENDING,
        is_author=False, notify_replies=new.notify_replies, notify_advice=new.notify_advice, client_hash=client, withdraw_token_hash=token_hash,
        created_at=now, updated_at=now,
    )
    db.session.add(comment)
    db.session.flush()
    return comment, token


def renew_token(comment: Comment) -> str:
    """A new withdraw token for a comment (its old one stops working)."""
    token, comment.withdraw_token_hash = new_token()
    return token


def withdraw_comment(comment_id: int, token: str, now: datetime, window: timedelta) -> None:
    """Delete a reader's own comment while the token is fresh and the author has not published or rejected it
    (a bot's honeypot post, stored as spam, goes the same way). Every refusal is one answer: whether an id
    exists, is hidden, or is someone else's is not told."""
    comment = db.session.get(Comment, comment_id)
    mine = comment is not None and now - comment.created_at <= window and token_matches(token, comment.withdraw_token_hash)
    if not mine or comment.status not in {Status.PENDING, Status.SPAM}:
        raise DomainError("withdraw_not_allowed", CANNOT_WITHDRAW)
    db.session.delete(comment)


def approved_conversation(thread_id: str) -> list[tuple[Comment, list[Comment]]]:
    """The approved top-level comments, each with its approved replies, in no set order (the feed, their reader,
    orders them by time)."""
    rows = db.session.scalars(
        db.select(Comment).where(Comment.thread == thread_id, Comment.status == Status.APPROVED)
    ).all()
    replies: dict[int, list[Comment]] = {}
    for row in rows:
        if row.parent_id is not None:
            replies.setdefault(row.parent_id, []).append(row)
    return [(row, replies.get(row.id, [])) for row in rows if row.parent_id is None]
