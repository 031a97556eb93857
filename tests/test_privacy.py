"""No raw client address is stored, and the keyed hashes that stand in for it go after 30 days."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import sqlalchemy

from comments_service.domain.idempotency import IdempotencyKey
from comments_service.domain.models import Comment
from comments_service.infra.database import db
from tests.support.admin import log_in, make_admin
from tests.support.comments import COMMENTS_URL, VALID

ADDRESS = "203.0.113.77"
START = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def _dump(app) -> str:
    """Every value in every table, as text."""
    with app.app_context():
        return "\n".join(repr(row) for table in db.metadata.sorted_tables
                         for row in db.session.execute(sqlalchemy.select(table)).all())


def test_no_client_address_is_stored_by_any_path(make_app):
    app = make_app(TRUSTED_PROXIES=1, RATELIMIT_ENABLED=True, RATELIMIT_POST="3 per minute")
    make_admin(app)
    client = app.test_client()
    forwarded = {"X-Forwarded-For": f"{ADDRESS}, 10.0.0.9"}  # the proxy in front appends the client's address
    client.environ_base["REMOTE_ADDR"] = "10.0.0.9"
    statuses = [client.post(COMMENTS_URL, json=VALID, headers={**forwarded, "Idempotency-Key": f"sleutel-{n}"}).status_code
                for n in range(2)]
    statuses.append(client.post(COMMENTS_URL, data={**VALID, "return_to": "/blog/leiden-of-lijden/"}, headers=forwarded).status_code)
    statuses.append(client.post(COMMENTS_URL, json=VALID, headers=forwarded).status_code)
    assert statuses == [201, 201, 303, 429]
    assert log_in(client, password="fout", headers=forwarded).status_code == 401
    dump = _dump(app)
    assert "Petra" in dump and "sleutel-0" in dump  # the dump does hold what was stored
    assert ADDRESS not in dump and ADDRESS.replace(".", "") not in dump


def test_purge_forgets_client_hashes_older_than_30_days(make_app):
    now = [START]
    app = make_app(CLOCK=lambda: now[0])
    client = app.test_client()
    old = client.post(COMMENTS_URL, json=VALID, headers={"Idempotency-Key": "oud"}).get_json()["id"]
    now[0] = START + timedelta(days=20)
    recent = client.post(COMMENTS_URL, json=VALID, headers={"Idempotency-Key": "nieuw"}).get_json()["id"]
    now[0] = START + timedelta(days=31)
    result = app.test_cli_runner().invoke(args=["comments", "purge-client-hashes"])
    assert result.exit_code == 0, result.output
    assert "cleared on 1 comment(s), 1 retry key(s) dropped" in result.output
    with app.app_context():
        assert db.session.get(Comment, old).client_hash is None
        assert db.session.get(Comment, recent).client_hash is not None
        assert [key.key for key in db.session.scalars(sqlalchemy.select(IdempotencyKey))] == ["nieuw"]
    again = app.test_cli_runner().invoke(args=["comments", "purge-client-hashes", "--days", "5"])
    assert "cleared on 1 comment(s), 1 retry key(s) dropped" in again.output
