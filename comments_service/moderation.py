"""Moderation: the only place where a comment's status or category changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func

from comments_service.database import db
from comments_service.models import Comment, Status
from comments_service.threads import Thread


def set_status(ids: list[int], status: Status, now: datetime) -> list[Comment]:
    """Move the given comments to status; returns them, raises LookupError naming unknown ids."""
    comments = db.session.scalars(db.select(Comment).where(Comment.id.in_(ids))).all()
    missing = sorted(set(ids) - {comment.id for comment in comments})
    if missing:
        raise LookupError(f"no comment with id {', '.join(map(str, missing))}")
    for comment in comments:
        if comment.status != status:
            comment.status = status
            comment.updated_at = now
    return sorted(comments, key=lambda comment: comment.id)


def recategorise(thread_id: str, old: str, new: str, now: datetime) -> int:
    """Move every comment of a thread from option old to option new; returns how many moved."""
    comments = db.session.scalars(
        db.select(Comment).where(Comment.thread == thread_id, Comment.category == old)
    ).all()
    for comment in comments:
        comment.category = new
        comment.updated_at = now
    return len(comments)


def stale_options(threads: dict[str, Thread]) -> list[tuple[str, str, int]]:
    """(thread, option, comments) for stored categories that the front matter no longer declares."""
    rows = db.session.execute(
        db.select(Comment.thread, Comment.category, func.count())
        .where(Comment.category.is_not(None))
        .group_by(Comment.thread, Comment.category)
        .order_by(Comment.thread, Comment.category)
    )
    return [
        (thread, category, count)
        for thread, category, count in rows
        if thread not in threads or category not in threads[thread].poll.option_ids
    ]
