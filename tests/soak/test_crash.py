"""kill -9 of the server and its workers during write load, 10 rounds, on SQLite and PostgreSQL: every
acknowledged comment is there after the restart, and SQLite's integrity check passes."""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time

import pytest

from comments_service.domain.models import Comment
from comments_service.infra.database import db
from tests.soak.load import Tally, post_until
from tests.support.ports import free_port
from tests.support.server import gunicorn_process

pytestmark = pytest.mark.soak
ROUNDS, WRITERS = 10, 10


def _stored_ids(app) -> set[int]:
    with app.app_context():
        return set(db.session.scalars(db.select(Comment.id)))


def test_kill_9_during_writes_loses_no_acknowledged_comment(app, database_url, tmp_path):
    log, port, acknowledged, attempts = tmp_path / "gunicorn.log", free_port(), set(), 0
    for round_number in range(ROUNDS):
        tally, stop = Tally(), threading.Event()
        with gunicorn_process(database_url, log, port=port, COMMENTS_RATELIMIT_ENABLED="false") as (base, master):
            writers = [threading.Thread(target=post_until, args=(base, tally, stop, round_number * 100 + n))
                       for n in range(WRITERS)]
            for writer in writers:
                writer.start()
            time.sleep(1.0 + 0.1 * round_number)  # the kill lands at a different moment each round
            os.killpg(master.pid, signal.SIGKILL)
            master.wait(timeout=30)
            stop.set()
            for writer in writers:
                writer.join()
        acknowledged |= tally.created
        attempts += sum(tally.statuses.values()) + tally.socket_errors
        missing = acknowledged - _stored_ids(app)
        assert missing == set(), f"round {round_number}: acknowledged but not stored: {sorted(missing)[:10]}"
    integrity = "not SQLite"
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        assert integrity == "ok"
    print(f"{database_url.split(':', 1)[0]}: {ROUNDS} rounds of kill -9 under {WRITERS} writers: {attempts} posts tried, "
          f"{len(acknowledged)} acknowledged, 0 missing after restart; integrity_check: {integrity}")
