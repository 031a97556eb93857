"""The reader's data (AVG): every comment stored with an address, withdrawn one by one or all at once,
with the name, address and text also struck from the audit trail (which keeps that something happened).
The link to the page is mailed by mail/data_link.py."""

from __future__ import annotations

import json
from datetime import datetime

from comments_service.domain import moderation
from comments_service.domain.audit import AuditEntry, record
from comments_service.domain.models import Comment, address_key
from comments_service.infra.database import db

PERSONAL = ("author", "email", "body", "original_body")


def comments_of(address: str) -> list[Comment]:
    """Every comment stored with this address, in any state, oldest first."""
    return list(db.session.scalars(db.select(Comment).where(Comment.email_key == address_key(address))
                                   .order_by(Comment.created_at, Comment.id)))


def erase(address: str, comment_ids: list[int] | None, now: datetime) -> int:
    """Delete this address's comments (all, or those ids among them) and strike them from the trail."""
    mine = [c for c in comments_of(address) if comment_ids is None or c.id in comment_ids]
    gone = {comment.id for comment in mine} | {reply.id for comment in mine for reply in comment.replies}
    for comment in mine:
        if comment.parent_id not in gone:  # a reply under one's own comment goes with that comment
            moderation.delete_for_good(comment, "lezer", now)
    db.session.flush()
    for entry in db.session.scalars(db.select(AuditEntry).where(AuditEntry.comment_id.in_(gone))):
        entry.before, entry.after = _struck(entry.before), _struck(entry.after)
    if mine:
        record(None, "lezer", "erase", now, None, {"comments": len(mine)})
    return len(mine)


def _struck(snapshot: str | None) -> str | None:
    if snapshot is None:
        return None
    values = json.loads(snapshot)
    return json.dumps({name: (None if name in PERSONAL else value) for name, value in values.items()})
