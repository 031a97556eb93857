"""Idempotency-Key on posting: a reader's retry after a timeout returns the comment it already stored."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from comments_service.database import db
from comments_service.errors import InvalidInput
from comments_service.models import Comment, UTCDateTime

KEY = re.compile(r"^[\x21-\x7e]{1,100}$")
KEEP = timedelta(hours=24)


class IdempotencyKey(db.Model):
    """A key a client sent with a post, and the comment that post stored."""

    __tablename__ = "idempotency_keys"

    client_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


def checked(key: str | None) -> str | None:
    """The header's value when it is a usable key; a Dutch 400 when it is not."""
    if key is None:
        return None
    if not KEY.match(key):
        raise InvalidInput({"Idempotency-Key": "Deze sleutel moet 1 tot 100 zichtbare ASCII-tekens zijn."})
    return key


def earlier(client: str, key: str | None, now: datetime) -> Comment | None:
    """The comment an earlier post with this key stored, within the last 24 hours."""
    if key is None:
        return None
    stored = db.session.get(IdempotencyKey, (client, key))
    if stored is None or now - stored.created_at > KEEP:
        return None
    return db.session.get(Comment, stored.comment_id)


def remember(client: str, key: str | None, comment: Comment, now: datetime) -> None:
    """Tie the key to the comment, in the comment's transaction."""
    if key is not None:
        db.session.merge(IdempotencyKey(client_hash=client, key=key, comment_id=comment.id, created_at=now))
