"""The limit holds across gunicorn's 2 workers sharing Redis, in production, whatever X-Forwarded-For says;
and Redis holds no client address, only the keyed hashes."""

from __future__ import annotations

import redis

from tests.support.comments import COMMENTS_URL, VALID
from tests.support.redis import redis_server
from tests.support.server import gunicorn, post_json

PRODUCTION = {"COMMENTS_ENV": "production", "COMMENTS_SECRET_KEY": "s" * 48, "COMMENTS_TRUSTED_PROXIES": "0",
              "COMMENTS_PUBLIC_URL": "https://leiden-of-lijden.example",
              "COMMENTS_RATELIMIT_POST": "5 per minute", "WEB_CONCURRENCY": "2"}


def test_two_workers_share_one_limit_in_redis(database_url, tmp_path):
    with redis_server() as storage:
        with gunicorn(database_url, tmp_path / "gunicorn.log", COMMENTS_RATELIMIT_STORAGE_URI=storage, **PRODUCTION) as base:
            # every request on a new connection, so the kernel hands them to both workers
            statuses = [post_json(base + COMMENTS_URL, VALID, headers={"X-Forwarded-For": f"198.51.100.{n}"})[0]
                        for n in range(12)]
        keys = [key.decode() for key in redis.Redis.from_url(storage).keys("*")]
    assert statuses == [201] * 5 + [429] * 7
    assert keys and not any("127.0.0.1" in key or "198.51.100" in key for key in keys)
    print(f"12 posts over 2 workers sharing Redis, forged X-Forwarded-For each time: {statuses.count(201)} accepted, "
          f"{statuses.count(429)} refused; {len(keys)} Redis key(s), no address in them")
