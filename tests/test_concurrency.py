"""20 clients posting at once against gunicorn with 2 workers: every 201 is stored, no 5xx, no lock errors."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.support.comments import COMMENTS_URL, VALID, stored_count
from tests.support.server import gunicorn, post_json

CLIENTS, POSTS_EACH = 20, 15


def test_concurrent_posts_are_all_stored(app, database_url, tmp_path):
    log = tmp_path / "gunicorn.log"
    with gunicorn(database_url, log, COMMENTS_RATELIMIT_ENABLED="false") as base:
        def client(number: int) -> list[int]:
            return [post_json(base + COMMENTS_URL, {**VALID, "author": f"Lezer {number}", "body": f"Reactie {i}"})[0]
                    for i in range(POSTS_EACH)]

        with ThreadPoolExecutor(CLIENTS) as pool:
            statuses = [status for result in pool.map(client, range(CLIENTS)) for status in result]
    created = statuses.count(201)
    server_log = log.read_text()
    print(f"{len(statuses)} posts from {CLIENTS} clients: {created} created, {stored_count(app)} stored, "
          f"{sum(s >= 500 for s in statuses)} 5xx")
    assert created == len(statuses) == CLIENTS * POSTS_EACH
    assert stored_count(app) == created
    assert "database is locked" not in server_log and "Traceback" not in server_log
