"""Conditional GETs for answers built per request (the thread reads have their own cache: read_cache.py)."""

from __future__ import annotations

from flask import Response, jsonify, request


def conditional_json(payload) -> Response:
    """A JSON response with an ETag, revalidated on every use; 304 for a matching If-None-Match."""
    response = jsonify(payload)
    response.headers["Cache-Control"] = "no-cache"
    response.add_etag()
    return response.make_conditional(request)
