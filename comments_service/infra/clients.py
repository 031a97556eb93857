"""Who posted, without storing who: a keyed hash of the client address, and withdraw tokens."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets

from flask import current_app, request

DOTTED_DECIMAL = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")


def client_hash() -> str:
    """A keyed hash of this request's client (never the raw address): see client_of."""
    return keyed_client(current_app.config, request.remote_addr)


def keyed_client(config, address: str | None) -> str:
    """client_hash for an address, with the app's config (for a layer in front of Flask)."""
    client = client_of(address, int(config["CLIENT_IPV6_PREFIX"])).encode()
    return hmac.new(config["SECRET_KEY"].encode(), b"client:" + client, hashlib.sha256).hexdigest()[:32]


def reader_hash(reader_key: str, config=None) -> str:
    """The stored form of a reader's endorsement key: keyed, so a stolen database does not tell which key was whose.
    With the current app's config unless given one."""
    key = (config or current_app.config)["SECRET_KEY"].encode()
    return hmac.new(key, b"reader:" + reader_key.encode(), hashlib.sha256).hexdigest()[:32]


def client_of(address: str | None, ipv6_prefix: int) -> str:
    """One spelling per client: an IPv4 address, or the IPv6 network of ipv6_prefix bits that holds the
    address (one subscriber gets a whole /64); brackets, zone ids, case and leading zeros do not count, and
    an IPv4-mapped IPv6 address is its IPv4 address."""
    text = (address or "").strip().removeprefix("[").removesuffix("]").partition("%")[0]
    if DOTTED_DECIMAL.match(text):
        text = ".".join(str(int(part)) for part in text.split("."))
    try:
        found = ipaddress.ip_address(text)
    except ValueError:
        return text.lower() or "unknown"  # not an address (a test client, a Unix socket): as it is
    if found.version == 6 and found.ipv4_mapped:
        found = found.ipv4_mapped
    if found.version == 4:
        return str(found)
    return str(ipaddress.ip_network(f"{found}/{ipv6_prefix}", strict=False))


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
