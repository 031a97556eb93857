"""The reader's data (AVG): every comment stored with an address, withdrawn one by one or all at once,
with the name, address and text also struck from the audit trail (which keeps that something happened).
The link to the page is mailed by mail/data_link.py."""

from __future__ import annotations

import json
from datetime import datetime

from comments_service.domain import endorsements, moderation
from comments_service.domain.audit import AuditEntry, record, snapshot
from comments_service.domain.events import public_change
from comments_service.domain.models import Comment, Status, address_key
from comments_service.infra.database import db

PERSONAL = ("author", "email", "body", "original_body")


def comments_of(address: str) -> list[Comment]:
    """Every comment stored with this address, in any state, oldest first."""
    return list(db.session.scalars(db.select(Comment).where(Comment.email_key == address_key(address))
                                   .order_by(Comment.created_at, Comment.id)))


def erase(address: str, comment_ids: list[int] | None, now: datetime) -> int:
    """Withdraw this address's comments (all, or those ids among them) and strike them from the trail. A published
    comment that others answered is emptied and kept for their answers; any other goes with the replies under it."""
    mine = [c for c in comments_of(address) if comment_ids is None or c.id in comment_ids]
    ids = {comment.id for comment in mine}
    kept = {comment.id for comment in mine if comment.status == Status.APPROVED
            and any(reply.id not in ids and reply.status == Status.APPROVED for reply in comment.replies)}
    gone = ids | {reply.id for comment in mine if comment.id not in kept for reply in comment.replies}
    for comment in mine:
        if comment.id in kept:
            _empty(comment, now)
        elif comment.parent_id not in ids or comment.parent_id in kept:  # else it goes with its parent
            moderation.delete_for_good(comment, "lezer", now)
    db.session.flush()
    for entry in db.session.scalars(db.select(AuditEntry).where(AuditEntry.comment_id.in_(gone))):
        entry.before, entry.after = _struck(entry.before), _struck(entry.after)
    if mine:
        record(None, "lezer", "erase", now, None, {"comments": len(mine)})
    return len(mine)


def _empty(comment: Comment, now: datetime) -> None:
    """Keep the comment's place for the answers under it, and nothing of its writer: no name, address, text or vote."""
    record(comment.id, "lezer", "withdraw", now, snapshot(comment), None)
    comment.author, comment.email, comment.body, comment.original_body, comment.body_html = "", None, "", None, ""
    comment.category, comment.notify_replies, comment.client_hash, comment.withdraw_token_hash = None, False, None, None
    comment.notify_advice = False
    endorsements.clear(comment)  # nothing is left to stand behind
    comment.withdrawn_at = comment.updated_at = now
    public_change(comment.thread, now, removes=True)


def _struck(snapshot: str | None) -> str | None:
    if snapshot is None:
        return None
    values = json.loads(snapshot)
    return json.dumps({name: (None if name in PERSONAL else value) for name, value in values.items()})
