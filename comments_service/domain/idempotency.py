"""Idempotency-Key on posting: a reader's retry after a timeout returns the comment it already stored; the
same key with another request is refused (422), never answered with the first comment."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from comments_service.domain.errors import DomainError, InvalidInput
from comments_service.domain.limits import IDEMPOTENCY_KEEP, IDEMPOTENCY_KEY_MAX
from comments_service.domain.models import Comment, UTCDateTime
from comments_service.infra.database import db

KEY = re.compile(rf"^[\x21-\x7e]{{1,{IDEMPOTENCY_KEY_MAX}}}$")


class IdempotencyKey(db.Model):
    """A key a client sent with a post, and the comment that post stored."""

    __tablename__ = "idempotency_keys"

    client_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(IDEMPOTENCY_KEY_MAX), primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    request_hash: Mapped[str | None] = mapped_column(String(64))  # None: stored before requests were compared


def fingerprint(thread: str, data: Any) -> str:
    """The request a key was sent with: its thread and its fields, in a canonical form."""
    canonical = json.dumps([thread, data], sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def checked(key: str | None) -> str | None:
    """The header's value when it is a usable key; a Dutch 400 when it is not."""
    if key is None:
        return None
    if not KEY.match(key):
        raise InvalidInput({"Idempotency-Key": f"Deze sleutel moet 1 tot {IDEMPOTENCY_KEY_MAX} zichtbare ASCII-tekens zijn."})
    return key


def earlier(client: str, key: str | None, request: str, now: datetime) -> Comment | None:
    """The comment an earlier post with this key stored, within the last 24 hours; a 422 when that post was
    another request (fingerprint), which must not be taken for this one."""
    if key is None:
        return None
    stored = db.session.get(IdempotencyKey, (client, key))
    if stored is None or now - stored.created_at > IDEMPOTENCY_KEEP:
        return None
    if stored.request_hash is not None and stored.request_hash != request:
        raise DomainError("idempotency_key_reused",
                          "Deze Idempotency-Key hoort bij een andere reactie. Stuur bij een nieuwe reactie een nieuwe sleutel mee.")
    return db.session.get(Comment, stored.comment_id)


def remember(client: str, key: str | None, request: str, comment: Comment, now: datetime) -> None:
    """Tie the key to the comment and its request, in the comment's transaction."""
    if key is not None:
        db.session.merge(IdempotencyKey(client_hash=client, key=key, comment_id=comment.id, created_at=now,
                                        request_hash=request))
