"""Who posted, without storing who: a keyed hash of the client address, and withdraw tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app, request


def client_hash() -> str:
    """A keyed hash of this request's client address (never the raw address)."""
    key = current_app.config["SECRET_KEY"].encode()
    address = (request.remote_addr or "unknown").encode()
    return hmac.new(key, b"client:" + address, hashlib.sha256).hexdigest()[:32]


def new_token() -> tuple[str, str]:
    """A fresh secret token and the hash that is stored in its place."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str, stored_hash: str | None) -> bool:
    """Compare a presented token with a stored hash in constant time."""
    return stored_hash is not None and hmac.compare_digest(token_hash(token), stored_hash)
