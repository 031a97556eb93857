"""Conditional GETs, and per-process caches of a thread's answers keyed by the thread's version."""

from __future__ import annotations

import hashlib
import json
from typing import Callable

from flask import Response, current_app, jsonify, request

from comments_service.versions import current


def conditional_json(payload) -> Response:
    """A JSON response with an ETag, revalidated on every use; 304 for a matching If-None-Match."""
    response = jsonify(payload)
    return _conditional(response, None)


def versioned_json(thread: str, kind: str, build: Callable[[], object]) -> Response:
    """The thread's answer of this kind, rebuilt only when the thread's version has moved since."""
    cache = current_app.extensions.setdefault("response_cache", {})
    version = current(thread)
    hit = cache.get((thread, kind))
    if hit is None or hit[0] != version:
        body = json.dumps(build(), ensure_ascii=True, separators=(",", ":")).encode()
        hit = cache[(thread, kind)] = (version, body, hashlib.sha256(body).hexdigest()[:32])
    return _conditional(current_app.response_class(hit[1], mimetype="application/json"), hit[2])


def _conditional(response: Response, etag: str | None) -> Response:
    response.headers["Cache-Control"] = "no-cache"
    if etag:
        response.set_etag(etag)
    else:
        response.add_etag()
    return response.make_conditional(request)
