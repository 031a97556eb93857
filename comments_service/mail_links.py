"""Signed links in mail: the moderation links (the link alone authorises, for 7 days), and the links
that prove a reader holds an address (confirm it, unsubscribe, open the data page)."""

from __future__ import annotations

from flask import current_app
from itsdangerous import (
    BadSignature,
    SignatureExpired,
    TimestampSigner,
    URLSafeTimedSerializer,
)

from comments_service.clock import utcnow

MAX_AGE = 7 * 24 * 3600
ACTIONS = ("approve", "reject", "spam")


class _ClockSigner(TimestampSigner):
    # The service's clock, so that tests pass time in instead of waiting a week.
    def get_timestamp(self) -> int:
        return int(utcnow().timestamp())


def _serializer(salt: str = "mail-moderation") -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt, signer=_ClockSigner)


def sign(comment_id: int, action: str) -> str:
    """A token that approves, rejects or marks spam one comment."""
    return _serializer().dumps({"id": comment_id, "action": action})


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


def verify(token: str) -> tuple[int, str]:
    """(comment id, action) of a valid token; InvalidLink otherwise."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE)
    except SignatureExpired:
        raise InvalidLink(expired=True) from None
    except BadSignature:
        raise InvalidLink(expired=False) from None
    if not isinstance(data, dict) or data.get("action") not in ACTIONS or not isinstance(data.get("id"), int):
        raise InvalidLink(expired=False)
    return data["id"], data["action"]
