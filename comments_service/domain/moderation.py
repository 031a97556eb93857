"""Moderation: the only place where a comment's status, category or text changes, or its endorsements are reset; each
change is audited."""

from __future__ import annotations

from datetime import datetime

from comments_service.domain import endorsements
from comments_service.domain.audit import record, snapshot
from comments_service.domain.events import comment_published, public_change
from comments_service.domain.models import Comment, Status
from comments_service.domain.rendering import render
from comments_service.infra.database import db


def _change(comment: Comment, actor: str, action: str, now: datetime, **fields) -> None:
    before, was_public = snapshot(comment), comment.status == Status.APPROVED
    for name, value in fields.items():
        setattr(comment, name, value)
    if snapshot(comment) != before:
        comment.updated_at = now
        record(comment.id, actor, action, now, before, snapshot(comment))
        if was_public or comment.status == Status.APPROVED:
            public_change(comment.thread, now, removes=was_public and comment.status != Status.APPROVED)
        if not was_public and comment.status == Status.APPROVED:
            comment_published.send(comment, now=now)


def comments_by_id(ids: list[int]) -> list[Comment]:
    """The comments with these ids, in id order; LookupError names any unknown id."""
    comments = db.session.scalars(db.select(Comment).where(Comment.id.in_(ids)).order_by(Comment.id)).all()
    missing = sorted(set(ids) - {comment.id for comment in comments})
    if missing:
        raise LookupError(f"no comment with id {', '.join(map(str, missing))}")
    return list(comments)


def set_status(ids: list[int], status: Status, now: datetime, actor: str = "system") -> list[Comment]:
    """Move the given comments to status."""
    comments = comments_by_id(ids)
    for comment in comments:
        _change(comment, actor, status.value, now, status=status)
    return comments


def set_category(comment: Comment, category: str, actor: str, now: datetime) -> None:
    """Re-categorise a top-level comment (a reply carries no vote)."""
    if comment.parent_id is None:
        _change(comment, actor, "recategorise", now, category=category)


def edit_text(comment: Comment, body: str, actor: str, now: datetime) -> None:
    """Correct a comment's text; the reader's original is kept and the comment is marked edited."""
    if body == comment.body:
        return
    if comment.original_body is None:
        comment.original_body = comment.body
    _change(comment, actor, "edit", now, body=body, body_html=render(body), edited_at=now)


def author_reply(parent: Comment, author: str, body: str, actor: str, now: datetime) -> Comment:
    """Publish a reply by the blog's author under an approved top-level comment, at once."""
    reply = Comment(thread=parent.thread, parent_id=parent.id, author=author, body=body, body_html=render(body),
                    status=Status.APPROVED, is_author=True, created_at=now, updated_at=now)
    db.session.add(reply)
    db.session.flush()
    record(reply.id, actor, "author_reply", now, None, snapshot(reply))
    public_change(parent.thread, now, removes=False)
    comment_published.send(reply, now=now)
    return reply


def delete_for_good(comment: Comment, actor: str, now: datetime) -> None:
    """Remove a comment and its replies; the trail keeps what they were."""
    for gone in [*comment.replies, comment]:
        record(gone.id, actor, "delete", now, snapshot(gone), None)
    if comment.status == Status.APPROVED:
        public_change(comment.thread, now, removes=True)
    db.session.delete(comment)


def recategorise(thread_id: str, old: str, new: str, now: datetime, actor: str) -> int:
    """Move every comment of a thread from option old to option new; returns how many moved."""
    comments = db.session.scalars(
        db.select(Comment).where(Comment.thread == thread_id, Comment.category == old)
    ).all()
    for comment in comments:
        _change(comment, actor, "recategorise", now, category=new)
    return len(comments)


def reset_endorsements(comment: Comment, actor: str, now: datetime) -> int:
    """Drop every endorsement of a comment (a burst the author does not trust); how many went."""
    gone = endorsements.clear(comment)
    if gone:
        record(comment.id, actor, "reset_endorsements", now, {"endorsements": gone}, {"endorsements": 0})
        if comment.status == Status.APPROVED:
            public_change(comment.thread, now, removes=True)
    return gone
