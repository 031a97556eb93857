"""Helpers for the endorsement tests: give and take back with a reader key, read an answer's count."""

from __future__ import annotations

from tests.support.comments import COMMENTS_URL

KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90"  # as the widget makes them: 16 random bytes in hex
OTHER = "Zm9vYmFyYmF6cXV4LWtleS0xMjM0NTY"  # base64url


def endorse(client, comment_id: int, key: str, **kwargs):
    return client.post(f"/api/comments/{comment_id}/endorsements", json={"reader": key}, **kwargs)


def take_back(client, comment_id: int, key: str, **kwargs):
    return client.delete(f"/api/comments/{comment_id}/endorsements", json={"reader": key}, **kwargs)


def endorsements_of(client, comment_id: int) -> int:
    """The answer's count as the public list gives it (the answer must be on the first page)."""
    return next(comment["endorsements"] for comment in client.get(f"{COMMENTS_URL}?limit=100").get_json()
                if comment["id"] == comment_id)
