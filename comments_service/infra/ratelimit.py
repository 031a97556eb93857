"""Rate limits per client (Flask-Limiter), with the client address trusted only as far as the proxies."""

from __future__ import annotations

import time

from flask import Flask, current_app
from flask_limiter import Limiter
from werkzeug.middleware.proxy_fix import ProxyFix

from comments_service.infra.clients import client_hash

# Storage, switches and headers come from the app's RATELIMIT_* settings (COMMENTS_RATELIMIT_* in the
# environment). memory:// counts per process; several workers or instances need a shared store. Counted
# per keyed hash of the client address, so no address is stored in Redis or logged by the limiter.
limiter = Limiter(key_func=client_hash)


def init_rate_limits(app: Flask) -> None:
    """Trust X-Forwarded-For only for COMMENTS_TRUSTED_PROXIES hops, then bind the limiter."""
    prefix = str(app.config["CLIENT_IPV6_PREFIX"])
    if not (prefix.isdigit() and 1 <= int(prefix) <= 128):
        raise ValueError(f"COMMENTS_CLIENT_IPV6_PREFIX must be a number of bits from 1 to 128, not {prefix!r}")
    hops = int(app.config["TRUSTED_PROXIES"] or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0, x_port=0, x_prefix=0)
    limiter.init_app(app)


def post_limit() -> str:
    """The limit on posting comments, e.g. "5 per minute;30 per day"."""
    return current_app.config["RATELIMIT_POST"]


def attempt_limit() -> str:
    """The looser limit on every try at posting, taken or refused (a script sending junk is slowed down too)."""
    return current_app.config["RATELIMIT_POST_ATTEMPTS"]


def endorse_limit() -> str:
    """The limit on endorsing and taking back, together (one machine cannot click a count up)."""
    return current_app.config["RATELIMIT_ENDORSE"]


def accepted(response) -> bool:
    """Whether a post counts against the limit: only one that was taken (a JSON 201, a form's 303; a bot's
    honeypot post looks taken too). A refused post costs nothing, so a reader who fixes their errors is not
    locked out by them."""
    return response.status_code in (201, 303)


def retry_after_seconds() -> int:
    """Seconds until the limit that was hit in this request resets."""
    current = limiter.current_limit
    if current is None:
        return 60
    return max(1, int(current.reset_at - time.time()) + 1)
