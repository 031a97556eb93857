"""SQLite as configured: WAL, a busy timeout, writes that take the lock up front, 503 when it stays taken."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from flask_migrate import upgrade

from comments_service.infra.database import db
from tests.support.apps import build_app
from tests.support.comments import COMMENTS_URL, VALID, stored_count


@pytest.fixture
def sqlite_app(tmp_path):
    path = tmp_path / "comments.sqlite3"
    apps = []

    def build(**config):
        app = build_app(f"sqlite:///{path}", **config)
        apps.append(app)
        return app

    with build().app_context():
        upgrade()
    yield build, path
    for app in apps:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def write_lock(sqlite_app):
    """Take the database's write lock from another connection, as another process would."""
    _, path = sqlite_app
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.close()


def test_wal_and_busy_timeout_are_set(sqlite_app):
    build, _ = sqlite_app
    with build(SQLITE_BUSY_TIMEOUT_MS=1234).app_context():
        assert db.session.execute(db.text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(db.text("PRAGMA busy_timeout")).scalar() == 1234


def test_a_write_lock_held_past_the_busy_timeout_is_a_503(sqlite_app, write_lock):
    build, _ = sqlite_app
    client = build(SQLITE_BUSY_TIMEOUT_MS=100).test_client()
    response = client.post(COMMENTS_URL, json=VALID)
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert response.get_json()["error"]["code"] == "unavailable"
    write_lock.execute("ROLLBACK")
    assert client.post(COMMENTS_URL, json=VALID).status_code == 201


def test_reads_go_on_while_a_write_holds_the_lock(sqlite_app, write_lock):
    build, _ = sqlite_app
    client = build(SQLITE_BUSY_TIMEOUT_MS=100).test_client()
    assert client.get(COMMENTS_URL).status_code == 200


def test_a_write_waits_for_a_short_lock_instead_of_failing(sqlite_app, write_lock):
    build, _ = sqlite_app
    app = build(SQLITE_BUSY_TIMEOUT_MS=10_000)
    result = {}
    poster = threading.Thread(target=lambda: result.update(status=app.test_client().post(COMMENTS_URL, json=VALID).status_code))
    poster.start()
    time.sleep(0.3)  # the POST is now waiting on the lock (or about to)
    write_lock.execute("ROLLBACK")
    poster.join(timeout=30)
    assert result == {"status": 201}
    assert stored_count(app) == 1
