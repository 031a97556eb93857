"""The widget's endorsements, answered in front of Flask: endorsements are the most frequent write, and Flask's request
cycle costs more than the write itself (bench/endorsements.py). A JSON POST or DELETE on
/api/comments/<id>/endorsements with a well-formed key is counted against the same rate limit as the Flask route
(Flask-Limiter's own bucket for it), written by domain/endorsements.py and answered here; anything else (a form post,
a malformed or unreadable body, a request over the limit, a database error) goes on to Flask, which answers it with
its error envelope. These answers carry no X-RateLimit-* headers. Installed inside ProxyFix, so the client address is
the one the proxies vouch for."""

from __future__ import annotations

import io
import json
import re
from typing import Callable

from flask import Flask
from limits import parse_many
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.http import HTTP_STATUS_CODES

from comments_service.domain import endorsements
from comments_service.domain.errors import DomainError
from comments_service.domain.limits import MAX_ID, READER_KEY
from comments_service.infra.clients import keyed_client, reader_hash
from comments_service.infra.clock import utcnow
from comments_service.infra.ratelimit import limiter
from comments_service.web.api.endorsements import closed_threads
from comments_service.web.errors import DOMAIN_STATUS, envelope
from comments_service.web.headers import API_HEADERS

PATH = re.compile(r"/api/comments/([1-9][0-9]{0,9})/endorsements")
ENDPOINT = "endorsements.endorsement"  # the Flask route's, whose limiter bucket this shares
JSON_TYPES = ("application/json",)


class EndorsementWrites:
    """WSGI middleware: the JSON endorsement writes it can answer alone; everything else to the app."""

    def __init__(self, app: Flask, engine: Engine, following: Callable) -> None:
        self.app, self.engine, self.next = app, engine, following
        self.closed = closed_threads(app)

    def __call__(self, environ: dict, start_response: Callable):
        method, found = environ["REQUEST_METHOD"], PATH.fullmatch(environ.get("PATH_INFO", ""))
        if method not in ("POST", "DELETE") or found is None or int(found[1]) > MAX_ID or \
                environ.get("CONTENT_TYPE", "").partition(";")[0].strip().lower() not in JSON_TYPES:
            return self.next(environ, start_response)
        body = self._body(environ)
        key = _reader_key(body)
        if key is None or not self._within_limit(environ):
            return self._onward(environ, start_response, body)
        comment_id, config = int(found[1]), self.app.config
        try:
            if method == "DELETE":
                endorsements.take_back(self.engine, comment_id, reader_hash(key, config), self.closed)
                return _answer(start_response, "204 NO CONTENT", b"")
            count, new, _ = endorsements.endorse(self.engine, comment_id, reader_hash(key, config), utcnow(config), self.closed)
        except DomainError as refused:  # not public, or its poll closed: the envelope, as Flask would write it
            payload = json.dumps(envelope(refused.code, refused.message, refused.fields), separators=(",", ":")).encode()
            status = DOMAIN_STATUS[refused.code]
            return _answer(start_response, f"{status} {HTTP_STATUS_CODES[status].upper()}", payload, "application/json")
        except SQLAlchemyError:
            return self._onward(environ, start_response, body)  # Flask tries again, and answers a 503 if it must
        payload = json.dumps({"id": comment_id, "endorsements": count, "endorsed": True}, separators=(",", ":")).encode()
        return _answer(start_response, "201 CREATED" if new else "200 OK", payload, "application/json")

    def _body(self, environ: dict) -> bytes | None:
        length = environ.get("CONTENT_LENGTH", "")
        if not length.isdigit() or int(length) > self.app.config["MAX_CONTENT_LENGTH"]:
            return None
        return environ["wsgi.input"].read(int(length))

    def _within_limit(self, environ: dict) -> bool:
        """Count this request in the Flask route's buckets (the same keys Flask-Limiter makes: prefix, client hash,
        endpoint); False when over the limit or when the store cannot say (Flask then decides)."""
        config = self.app.config
        if not config["RATELIMIT_ENABLED"]:
            return True
        client = keyed_client(config, environ.get("REMOTE_ADDR"))
        prefix = [config["RATELIMIT_KEY_PREFIX"]] if config.get("RATELIMIT_KEY_PREFIX") else []
        try:
            return all(limiter.limiter.hit(item, *prefix, client, ENDPOINT) for item in parse_many(config["RATELIMIT_ENDORSE"]))
        except Exception:  # noqa: BLE001 - an unreachable store: Flask-Limiter falls back as configured
            return False

    def _onward(self, environ: dict, start_response: Callable, body: bytes | None):
        if body is not None:  # the body was read here: Flask reads it again
            environ["wsgi.input"] = io.BytesIO(body)
        return self.next(environ, start_response)


def _reader_key(body: bytes | None) -> str | None:
    try:
        data = json.loads(body) if body is not None else None
    except (ValueError, RecursionError):
        return None
    key = data.get("reader") if isinstance(data, dict) else None
    return key if isinstance(key, str) and READER_KEY.fullmatch(key) else None


def _answer(start_response: Callable, status: str, body: bytes, mimetype: str | None = None) -> list[bytes]:
    headers = [*API_HEADERS, ("Content-Length", str(len(body)))]
    if mimetype:
        headers.append(("Content-Type", mimetype))
    start_response(status, headers)
    return [body]


def init_endorsement_writes(app: Flask, engine: Engine) -> None:
    """Put the layer in front of the app; call it before the proxy layer is put in front of it (infra/ratelimit.py)."""
    app.wsgi_app = EndorsementWrites(app, engine, app.wsgi_app)
