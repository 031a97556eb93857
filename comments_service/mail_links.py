"""Signed one-click links for the moderation mail: the link alone authorises, for 7 days."""

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


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="mail-moderation", signer=_ClockSigner)


def sign(comment_id: int, action: str) -> str:
    """A token that approves, rejects or marks spam one comment."""
    return _serializer().dumps({"id": comment_id, "action": action})


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
