"""Two service instances sharing one PostgreSQL and one Redis behind one nginx: limits shared across
both, whatever X-Forwarded-For a client forges; no lost writes; one tally, the same from either one."""

from __future__ import annotations

import json
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest
from flask_migrate import upgrade

from comments_service.domain.models import Comment, Status
from comments_service.domain.moderation import set_status
from comments_service.domain.tally import poll_result
from comments_service.infra.database import db
from tests.soak.load import Tally, post_once
from tests.support.apps import build_app, empty
from tests.support.comments import POLL_URL, THREAD
from tests.support.nginx import nginx_front
from tests.support.redis import redis_server
from tests.support.server import gunicorn

pytestmark = pytest.mark.soak
CLIENTS, TRIES = 200, 7  # each client: 5 accepted, then refused
INSTANCE = {"COMMENTS_ENV": "production", "COMMENTS_SECRET_KEY": "s" * 48, "COMMENTS_TRUSTED_PROXIES": "1",
            "COMMENTS_PUBLIC_URL": "https://leiden-of-lijden.example",
            "COMMENTS_RATELIMIT_POST": "5 per minute", "WEB_CONCURRENCY": "2"}


def _get(url: str) -> tuple[dict, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return dict(response.headers), response.read()


def test_two_instances_behind_nginx_share_limits_and_one_tally(postgres_url, tmp_path):
    app = build_app(postgres_url)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    empty(postgres_url)
    with redis_server() as storage, \
            gunicorn(postgres_url, tmp_path / "a.log", COMMENTS_RATELIMIT_STORAGE_URI=storage, **INSTANCE) as first, \
            gunicorn(postgres_url, tmp_path / "b.log", COMMENTS_RATELIMIT_STORAGE_URI=storage, **INSTANCE) as second, \
            nginx_front([first, second]) as front:
        tally = Tally()
        per_client: dict[str, list[int]] = {}
        lock = threading.Lock()

        def client(number: int) -> None:
            source = f"127.0.{1 + number // 250}.{1 + number % 250}"  # a loopback address of its own
            forged = {"X-Forwarded-For": f"198.51.100.{number % 250}"}  # a different lie each client
            statuses = [post_once(front, tally, number * 100 + n, source=source, headers=forged) for n in range(TRIES)]
            with lock:
                per_client[source] = statuses

        with ThreadPoolExecutor(20) as pool:
            list(pool.map(client, range(CLIENTS)))
        with app.app_context():
            stored = set(db.session.scalars(db.select(Comment.id)))
            approved = sorted(stored)[::3]
            set_status(approved, Status.APPROVED, datetime.now(timezone.utc), "test")
            db.session.commit()
            expected = poll_result(app.extensions["threads"][THREAD])
            db.session.remove()
            db.engine.dispose()
        polls = {_get(base + POLL_URL)[1] for base in (first, second) for _ in range(3)}
        polls |= {_get(front + POLL_URL)[1] for _ in range(6)}
    accepted_each = {statuses.count(201) for statuses in per_client.values()}
    assert accepted_each == {5}, accepted_each
    assert all(statuses == [201] * 5 + [429] * (TRIES - 5) for statuses in per_client.values())
    assert tally.created == stored and tally.count(500, 600) == 0 and tally.socket_errors == 0
    assert len(polls) == 1 and json.loads(polls.pop()) == json.loads(json.dumps(expected))
    print(f"2 instances behind nginx, 1 PostgreSQL, 1 Redis: {CLIENTS} clients x {TRIES} posts with forged "
          f"X-Forwarded-For: {len(tally.created)} accepted (5 each), {tally.count(429, 430)} refused, {len(stored)} stored, "
          f"0 lost, 0 5xx; {len(approved)} approved: one tally from both instances and the front")
