"""Keeping what identifies a client no longer than needed: the keyed address hashes and the keyed hashes of the
readers' endorsement keys go after 30 days (an endorsement keeps counting, but can no longer be taken back)."""

from __future__ import annotations

from datetime import datetime, timedelta

from comments_service.domain.endorsements import Endorsement
from comments_service.domain.idempotency import IdempotencyKey
from comments_service.domain.models import Comment
from comments_service.infra.database import db

CLIENT_HASH_DAYS = 30


def purge_client_hashes(now: datetime, days: int = CLIENT_HASH_DAYS) -> tuple[int, int, int]:
    """Forget the client hash of comments older than `days`, drop older idempotency keys (which are keyed by it) and
    forget the reader hash of older endorsements; in the current transaction. Returns (comments cleared, keys
    dropped, endorsements cleared)."""
    before = now - timedelta(days=days)
    cleared = db.session.execute(
        db.update(Comment).where(Comment.created_at < before, Comment.client_hash.is_not(None)).values(client_hash=None)
    ).rowcount
    dropped = db.session.execute(db.delete(IdempotencyKey).where(IdempotencyKey.created_at < before)).rowcount
    forgotten = db.session.execute(db.update(Endorsement).where(
        Endorsement.created_at < before, Endorsement.reader_hash.is_not(None)).values(reader_hash=None)).rowcount
    return cleared, dropped, forgotten
