"""The audit trail: every moderation action, who did it, when, and the comment before and after."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from comments_service.domain.models import Comment, UTCDateTime
from comments_service.infra.database import db

TRACKED = ("status", "category", "body", "author", "is_author")


class AuditEntry(db.Model):
    """One moderation action. comment_id is kept without a foreign key: a deleted comment keeps its trail."""

    __tablename__ = "audit_entries"
    __table_args__ = {"sqlite_autoincrement": True}  # an entry's id is never given out twice

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int | None] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


def snapshot(comment: Comment | None) -> dict | None:
    """The fields of a comment that moderation can change."""
    if comment is None:
        return None
    return {field: (value.value if hasattr(value, "value") else value)
            for field in TRACKED for value in [getattr(comment, field)]}


def record(comment_id: int | None, actor: str, action: str, now: datetime,
           before: dict | None, after: dict | None) -> AuditEntry:
    """Add an entry to the trail in the current transaction."""
    entry = AuditEntry(comment_id=comment_id, actor=actor, action=action, at=now,
                       before=None if before is None else json.dumps(before, ensure_ascii=False),
                       after=None if after is None else json.dumps(after, ensure_ascii=False))
    db.session.add(entry)
    return entry
