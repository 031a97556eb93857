"""The same 200 comments of about 300 characters of Dutch text, for our service and for Isso."""

from __future__ import annotations

import json
import sqlite3
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from flask_migrate import upgrade

from comments_service import create_app
from comments_service.domain.models import Status
from comments_service.domain.moderation import set_status
from comments_service.infra.database import db

ROOT = Path(__file__).resolve().parents[1]
OPTIONS = ("voorbeeld", "coachen", "afspraken", "klein-beginnen", "anders-organiseren", "anders")
COUNT = 200


def texts() -> list[str]:
    """200 Dutch texts of about 300 characters, cut from the post itself."""
    post = (ROOT / "docs" / "blog" / "posts" / "leiden-of-lijden.md").read_text(encoding="utf-8")
    prose = [line for line in post.split("\n---\n", 1)[1].splitlines() if line and line[0] not in "#<{["]
    source = " ".join(" ".join(prose).split())
    return [(source[(n * 37) % (len(source) - 320):][:300]).strip() + f" ({n})" for n in range(COUNT)]


def seed_ours(database_url: str) -> None:
    """Post the comments through the API of an in-process app, then approve them all."""
    app = create_app({"DATABASE_URL": database_url, "RATELIMIT_ENABLED": False, "SECRET_KEY": "bench", "SERVE_SITE": False})
    with app.app_context():
        upgrade()
    client = app.test_client()
    ids = [client.post("/api/threads/leiden-of-lijden/comments",
                       json={"author": f"Lezer {n}", "body": text, "category": OPTIONS[n % len(OPTIONS)]}).get_json()["id"]
           for n, text in enumerate(texts())]
    with app.app_context():
        set_status(ids, Status.APPROVED, datetime.now(timezone.utc), "bench")
        db.session.commit()
        db.engine.dispose()


def seed_isso(base: str, database: Path) -> None:
    """Post the same comments to Isso, then approve them (mode 1) in its database, as we do in ours."""
    for n, text in enumerate(texts()):
        request = urllib.request.Request(f"{base}/new?uri=%2Fblog%2Fleiden-of-lijden%2F", method="POST",
                                         data=json.dumps({"text": text, "author": f"Lezer {n}"}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status in (200, 201, 202), response.status
    with sqlite3.connect(database) as connection:
        approved = connection.execute("UPDATE comments SET mode = 1 WHERE mode = 2").rowcount
    assert approved == COUNT, approved
