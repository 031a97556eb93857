"""Ids are never given out twice, on either database, and a mail link acts only on the comment it was sent
for; the migration that brings this keeps every row."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
import sqlalchemy
from flask_migrate import upgrade

from comments_service.domain.audit import AuditEntry
from comments_service.domain.models import Comment, Status
from comments_service.domain.moderation import delete_for_good
from comments_service.infra.database import db
from tests.support.admin import TOKEN
from tests.support.apps import build_app
from tests.support.comments import COMMENTS_URL, post, stored
from tests.support.smtp import smtp_server, wait_for

LINK = re.compile(r"Goedkeuren: http://127\.0\.0\.1:8000(/admin/mail/[\w.\-]+)")


def _withdraw(client, created) -> None:
    response = client.delete(f"/api/comments/{created['id']}", headers={"Authorization": f"Bearer {created['token']}"})
    assert response.status_code == 204


def test_a_withdrawn_or_deleted_id_is_never_given_out_again(app):
    client = app.test_client()
    first = post(client).get_json()
    _withdraw(client, first)  # the highest id, gone
    second = post(client).get_json()
    assert second["id"] > first["id"]
    with app.app_context():
        delete_for_good(db.session.get(Comment, second["id"]), "auteur", datetime.now(timezone.utc))
        db.session.commit()
    third = post(client).get_json()
    assert third["id"] > second["id"]
    with app.app_context():  # the trail of the deleted comment stays its own
        assert db.session.scalars(db.select(AuditEntry.comment_id).where(AuditEntry.comment_id == third["id"])).all() == []


def test_a_mail_link_never_acts_on_another_comment_under_the_same_id(make_app):
    with smtp_server() as (port, inbox):
        app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=port, NOTIFY_TO="auteur@example.nl")
        client = app.test_client()
        first = post(client).get_json()
        approve = LINK.search(wait_for(lambda: inbox and inbox[0]).get_body(("plain",)).get_content()).group(1)
    _withdraw(client, first)
    with app.app_context():  # another comment under the same id (an old database, a restore): not the one mailed
        now = datetime.now(timezone.utc)
        db.session.add(Comment(id=first["id"], thread="leiden-of-lijden", author="Ander", body="Niet deze", body_html="<p>Niet deze</p>",
                               category="voorbeeld", status=Status.PENDING, created_at=now, updated_at=now))
        db.session.commit()
    page = client.get(approve)
    assert page.status_code == 404 and "bestaat niet meer" in page.get_data(as_text=True)
    token = TOKEN.search(client.get("/admin/login").get_data(as_text=True)).group(1)
    assert client.post(approve, data={"csrf_token": token}).status_code == 404
    assert stored(app, first["id"]).status == Status.PENDING
    assert client.get(COMMENTS_URL).get_json() == []


@pytest.fixture
def old_database(request, tmp_path, postgres_url):
    """A database of its own, at the schema before ids were made monotonic (revision 0006)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    admin = sqlalchemy.create_engine(postgres_url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql("DROP DATABASE IF EXISTS migration_test")
        connection.exec_driver_sql("CREATE DATABASE migration_test")
    yield postgres_url.rsplit("/", 1)[0] + "/migration_test"
    with admin.connect() as connection:
        connection.exec_driver_sql("DROP DATABASE migration_test WITH (FORCE)")
    admin.dispose()


ROW = ("INSERT INTO comments (id, thread, author, email, body, body_html, status, is_author, notify_replies, created_at, updated_at) "
       "VALUES (:id, 'leiden-of-lijden', 'Lezer', :email, 'Tekst', '<p>Tekst</p>', 'pending', false, false, :at, :at)")


@pytest.mark.parametrize("old_database", ["sqlite", "postgresql"], indirect=True)
def test_the_migration_keeps_every_row_and_moves_the_counter_past_every_known_id(old_database):
    app = build_app(old_database)
    try:
        with app.app_context():
            upgrade(revision="0006")
            at = datetime(2026, 11, 1, tzinfo=timezone.utc)
            for comment_id, email in ((1, "\u00c4rger@Example.com"), (2, None), (3, "x@example.nl")):
                db.session.execute(sqlalchemy.text(ROW), {"id": comment_id, "email": email, "at": at})
            db.session.execute(sqlalchemy.text("DELETE FROM comments WHERE id = 3"))
            db.session.execute(sqlalchemy.text(  # the trail of a comment deleted long ago, with a higher id
                "INSERT INTO audit_entries (comment_id, actor, action, at) VALUES (7, 'auteur', 'delete', :at)"), {"at": at})
            db.session.execute(sqlalchemy.text(
                "INSERT INTO idempotency_keys (client_hash, key, comment_id, created_at) VALUES ('c', 'k', 1, :at)"), {"at": at})
            db.session.commit()
            upgrade()
            rows = db.session.execute(sqlalchemy.text("SELECT id, email, email_key FROM comments ORDER BY id")).all()
            assert [tuple(row) for row in rows] == [(1, "\u00c4rger@Example.com", "\u00e4rger@example.com"), (2, None, None)]
            assert db.session.scalar(sqlalchemy.text("SELECT count(*) FROM idempotency_keys")) == 1  # no cascade on the rebuild
            now = datetime.now(timezone.utc)
            fresh = Comment(thread="leiden-of-lijden", author="Nieuw", body="x", body_html="<p>x</p>", status=Status.PENDING,
                            created_at=now, updated_at=now)
            db.session.add(fresh)
            db.session.commit()
            if db.engine.dialect.name == "sqlite":
                assert fresh.id == 8  # past the 7 the trail names
            else:
                assert fresh.id > 3  # PostgreSQL's sequence never goes back
    finally:
        with app.app_context():
            db.engine.dispose()
