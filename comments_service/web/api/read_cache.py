"""The answers every page view asks for (a thread's comments and poll, and its feed), kept per process and keyed by
the thread's version in the database, so that an approval shows at once in every worker and instance.

Flask builds an answer the first time and after each change (the views call `versioned`). While the
thread's version holds, the WSGI layer in front of Flask serves it with one indexed read and no Flask
request at all: the framework's request cycle costs several times the answer itself (bench/RESULTS.md).

Endorsements are the most frequent write and only move numbers beside the answers: where they stand (versions.py) is
followed at most once every ENDORSEMENT_LAG_SECONDS (an answer behind it by endorsements only is served until it is
that old, then built again), so lurkers clicking do not rebuild every answer on every click.

An answer is kept per query string in the canonical form the view writes (a page of the list: web/api/listing.py);
another spelling of the same query reaches Flask, which answers it from the same entry. At most MAX_ANSWERS are
kept, the oldest dropped first, so that clients walking many pages cannot grow a worker without bound."""

from __future__ import annotations

import hashlib
import json
import time
from typing import Callable, NamedTuple

from flask import Flask, Response, request
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.http import parse_etags

from comments_service.domain.versions import Version, current
from comments_service.web.headers import API_HEADERS

KINDS = {"comments": "application/json", "poll": "application/json", "comments.atom": "application/atom+xml",
         "advice": "application/json"}
READS = frozenset({"GET", "HEAD"})
MAX_ANSWERS = 1000


class Answer(NamedTuple):
    version: Version
    built_at: float  # time.monotonic()
    body: bytes
    etag: str  # unquoted
    mimetype: str
    headers: tuple[tuple[str, str], ...] = ()  # a page's Link and X-Total-Count


class ReadCache:
    """WSGI middleware holding the built answers; anything it does not hold, fresh, goes on to Flask."""

    def __init__(self, app: Flask, engine: Engine) -> None:
        self.engine = engine
        self.lag = float(app.config["ENDORSEMENT_LAG_SECONDS"])
        self.answers: dict[tuple[str, str, str], Answer] = {}
        self.paths = {f"/api/threads/{thread}/{kind}": (thread, kind) for thread in app.extensions["threads"] for kind in KINDS}
        self.next = app.wsgi_app

    def __call__(self, environ: dict, start_response: Callable):
        key = self.paths.get(environ.get("PATH_INFO", "")) if environ["REQUEST_METHOD"] in READS else None
        answer = self.answers.get((*key, environ.get("QUERY_STRING", ""))) if key else None
        if answer is not None and self._fresh(answer, key[0]):
            status, headers, body = respond(answer, environ.get("HTTP_IF_NONE_MATCH"))
            start_response(status, headers)
            return [body] if environ["REQUEST_METHOD"] == "GET" else []
        return self.next(environ, start_response)

    def _fresh(self, answer: Answer, thread: str) -> bool:
        try:
            return self._holds(answer, current(thread, self.engine))
        except SQLAlchemyError:
            return False  # Flask answers, with its error handling (a 503 while the database is away)

    def _holds(self, answer: Answer | None, version: Version) -> bool:
        """Whether an answer may still be served: no public change since, and endorsements either the same or given
        within the lag."""
        return answer is not None and answer.version.version == version.version and (
            answer.version[1:] == version[1:] or time.monotonic() - answer.built_at < self.lag)

    def versioned(self, thread: str, kind: str, build: Callable[[], bytes | tuple[bytes, list[tuple[str, str]]]],
                  query: str = "") -> Response:
        """For the view: the answer at the thread's version, built if it moved since; kept for later. build gives
        the body, or the body and the headers that go with it."""
        version = current(thread, self.engine)
        key = (thread, kind, query)
        answer = self.answers.get(key)
        if not self._holds(answer, version):
            built = build()
            body, headers = built if isinstance(built, tuple) else (built, [])
            tag = hashlib.sha256(body + repr(headers).encode()).hexdigest()[:32]
            answer = Answer(version, time.monotonic(), body, tag, KINDS[kind], tuple(headers))
            self._keep(key, answer)
        status, headers, body = respond(answer, request.headers.get("If-None-Match"))
        return Response(body, status, headers)

    def _keep(self, key: tuple[str, str, str], answer: Answer) -> None:
        if key not in self.answers and len(self.answers) >= MAX_ANSWERS:
            try:
                del self.answers[next(iter(self.answers))]
            except (KeyError, RuntimeError, StopIteration):  # another thread changed the dict meanwhile
                pass
        self.answers[key] = answer


def respond(answer: Answer, if_none_match: str | None) -> tuple[str, list[tuple[str, str]], bytes]:
    """Status, headers and body for a request holding If-None-Match (or not): 304 when it matches."""
    headers = [("ETag", f'"{answer.etag}"'), ("Cache-Control", "no-cache"), *answer.headers, *API_HEADERS]
    if if_none_match and parse_etags(if_none_match).contains_weak(answer.etag):
        return "304 NOT MODIFIED", headers, b""
    headers += [("Content-Type", answer.mimetype), ("Content-Length", str(len(answer.body)))]
    return "200 OK", headers, answer.body


def json_bytes(payload: object) -> bytes:
    """Compact JSON, the form every cached JSON answer takes."""
    return json.dumps(payload, ensure_ascii=True, separators=(",", ":")).encode()


def init_read_cache(app: Flask, engine: Engine) -> None:
    """Put the cache in front of the app (outermost, so it also skips the proxy and limiter layers)."""
    cache = ReadCache(app, engine)
    app.extensions["read_cache"] = cache
    app.wsgi_app = cache
