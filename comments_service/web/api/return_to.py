"""Where a no-JavaScript form post returns to: a same-site path, never another host."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

RECEIVED_FRAGMENT = "reactie-ontvangen"


def _is_site_path(value: str) -> bool:
    if not value.startswith("/") or value[1:2] in {"/", "\\"}:
        return False
    if "\\" in value or any(char.isspace() or ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        return False
    parts = urlsplit(value)
    return not parts.scheme and not parts.netloc


def safe_return_path(value: object, fallback: str) -> str:
    """value when it is a same-site path in every decoding of it, else fallback; no fragment."""
    if not isinstance(value, str) or not value:
        return fallback
    candidate = value
    for _ in range(4):  # "%2F%2Fhost", "%252F%252Fhost", ...: every decoding must be safe too
        if not _is_site_path(candidate):
            return fallback
        decoded = unquote(candidate)
        if decoded == candidate:
            break
        candidate = decoded
    else:
        return fallback
    return value.split("#", 1)[0]


def received_location(return_to: object, post_path: str) -> str:
    """The 303 target after a valid form post: back to the post, at the "received" message."""
    return f"{safe_return_path(return_to, post_path)}#{RECEIVED_FRAGMENT}"
