"""Signed links in mail: the moderation links (the link alone authorises, for 7 days), and the links
that prove a reader holds an address (confirm it, unsubscribe, open the data page)."""

from __future__ import annotations

from datetime import timezone

from flask import current_app
from itsdangerous import (
    BadSignature,
    SignatureExpired,
    TimestampSigner,
    URLSafeTimedSerializer,
)

from comments_service.domain.actions import ACTIONS
from comments_service.domain.limits import MAX_ID, MODERATION_LINK
from comments_service.domain.models import Comment
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db


class _ClockSigner(TimestampSigner):
    # The service's clock, so that tests pass time in instead of waiting a week.
    def get_timestamp(self) -> int:
        return int(utcnow().timestamp())


def _serializer(salt: str = "mail-moderation") -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt, signer=_ClockSigner)


def sign(comment: Comment, action: str) -> str:
    """A token that approves, rejects or marks spam one comment: bound to its id and its creation time, so
    that it can only ever act on the comment it was sent for."""
    return _serializer().dumps({"id": comment.id, "created": _moment(comment), "action": action})


def _moment(comment: Comment) -> str:
    return comment.created_at.astimezone(timezone.utc).isoformat(timespec="microseconds")


def sign_address(address: str, purpose: str) -> str:
    """A token for one reader address and one purpose (confirm, unsubscribe, data); no other purpose."""
    return _serializer(f"reader-{purpose}").dumps(address)


def verify_address(token: str, purpose: str, max_age: int | None) -> str:
    """The address of a valid token for this purpose (max_age None: it does not expire); InvalidLink otherwise."""
    try:
        address = _serializer(f"reader-{purpose}").loads(token, max_age=max_age)
    except SignatureExpired:
        raise InvalidLink(expired=True) from None
    except BadSignature:
        raise InvalidLink(expired=False) from None
    if not isinstance(address, str) or "@" not in address:
        raise InvalidLink(expired=False)
    return address


class InvalidLink(Exception):
    """A link that was tampered with, or is older than 7 days."""

    def __init__(self, expired: bool):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def verify(token: str) -> tuple[Comment | None, str]:
    """(the comment, None when it is gone, and the action) of a valid token; InvalidLink otherwise."""
    try:
        data = _serializer().loads(token, max_age=int(MODERATION_LINK.total_seconds()))
    except SignatureExpired:
        raise InvalidLink(expired=True) from None
    except BadSignature:
        raise InvalidLink(expired=False) from None
    if not isinstance(data, dict) or data.get("action") not in ACTIONS or not isinstance(data.get("id"), int):
        raise InvalidLink(expired=False)
    comment = db.session.get(Comment, data["id"]) if 0 < data["id"] <= MAX_ID else None
    if comment is not None and _moment(comment) != data.get("created"):
        comment = None  # another comment under the same id: the one the link was for is gone
    return comment, data["action"]
