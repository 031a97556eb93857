"""20 clients posting for 60 s (SOAK_SECONDS) against gunicorn with 2 workers, on SQLite and PostgreSQL:
every 201 is stored, nothing else is, no 5xx."""

from __future__ import annotations

import os
import threading
import time

import pytest

from tests.soak.load import Tally, post_until
from tests.support.comments import stored_count
from tests.support.server import gunicorn

pytestmark = pytest.mark.soak
SECONDS, CLIENTS = int(os.environ.get("SOAK_SECONDS", "60")), 20


def test_twenty_clients_for_a_minute_lose_nothing(app, database_url, tmp_path):
    tally, stop = Tally(), threading.Event()
    with gunicorn(database_url, tmp_path / "gunicorn.log", COMMENTS_RATELIMIT_ENABLED="false", WEB_CONCURRENCY="2") as base:
        clients = [threading.Thread(target=post_until, args=(base, tally, stop, n)) for n in range(CLIENTS)]
        started = time.monotonic()
        for client in clients:
            client.start()
        time.sleep(SECONDS)
        stop.set()
        for client in clients:
            client.join()
        elapsed = time.monotonic() - started
    stored, accepted = stored_count(app), tally.count(200, 300)
    backend = database_url.split(":", 1)[0]
    print(f"{backend}: {CLIENTS} clients for {elapsed:.0f} s: {accepted} accepted ({accepted / elapsed:.0f}/s, "
          f"p99 {tally.p99_ms():.0f} ms), {stored} stored, {accepted - stored} lost, {tally.count(500, 600)} 5xx, "
          f"{tally.socket_errors} connection errors")
    assert tally.count(500, 600) == 0 and tally.socket_errors == 0
    assert accepted == stored == len(tally.created) > 0
