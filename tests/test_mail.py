"""The author's mail: real SMTP on loopback, signed links to a confirmation page, the outbox's retries."""

from __future__ import annotations

import re
import threading
from datetime import datetime, timedelta, timezone

import pytest

from comments_service.domain.audit import AuditEntry
from comments_service.infra.database import db
from comments_service.mail.outbox import OutboxMessage, _claim, deliver_due
from tests.support.admin import TOKEN
from tests.support.comments import COMMENTS_URL, post
from tests.support.ports import free_port
from tests.support.smtp import smtp_server, wait_for

NOTIFY = "auteur@example.nl"
LINK = re.compile(r"(?:Goedkeuren|Afwijzen|Spam): http://127\.0\.0\.1:8000(/admin/mail/[\w.\-]+)")


@pytest.fixture
def mail_app(make_app):
    def build(port: int, **config):
        return make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=port, NOTIFY_TO=NOTIFY, MAIL_FROM="reacties@example.nl", **config)
    return build


def outbox(app) -> list[OutboxMessage]:
    with app.app_context():
        rows = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()
        db.session.expunge_all()
        return rows


def links(message) -> list[str]:
    return LINK.findall(message.get_body(("plain",)).get_content())


def test_a_new_comment_is_mailed_escaped_with_three_signed_links(mail_app):
    with smtp_server() as (port, inbox):
        client = mail_app(port).test_client()
        post(client, author="Petra <b>", body="<script>alert(1)</script>\nTweede regel")
        message = wait_for(lambda: inbox and inbox[0])
    assert message["To"] == NOTIFY and message["From"] == "reacties@example.nl"
    assert message["Subject"] == "Nieuwe reactie op \u201cLeiden of lijden\u201d"  # no reader text in a header
    html = message.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "Petra &lt;b&gt;" in html
    plain = message.get_body(("plain",)).get_content()
    assert ["> <script>alert(1)</script>", "> Tweede regel"] == [line for line in plain.splitlines() if line.startswith(">")]  # quoted: a body cannot fake action lines
    assert [label for label in ("Goedkeuren", "Afwijzen", "Spam") if f">{label}</a>" in html] == ["Goedkeuren", "Afwijzen", "Spam"]
    assert len(links(message)) == 3


def test_the_link_confirms_first_and_approves_on_the_post(mail_app):
    with smtp_server() as (port, inbox):
        app = mail_app(port)
        client = app.test_client()
        comment_id = post(client).get_json()["id"]
        approve = links(wait_for(lambda: inbox and inbox[0]))[0]
    page = client.get(approve)
    assert page.status_code == 200 and "Goedkeuren?" in page.get_data(as_text=True)
    assert client.get(COMMENTS_URL).get_json() == []  # opening the link (a mail scanner) changes nothing
    assert client.post(approve).status_code == 400  # no CSRF token
    token = TOKEN.search(page.get_data(as_text=True)).group(1)
    done = client.post(approve, data={"csrf_token": token})
    assert "Gelukt: de reactie is goedgekeurd." in done.get_data(as_text=True)
    assert [c["id"] for c in client.get(COMMENTS_URL).get_json()] == [comment_id]
    again = client.get(approve)
    assert again.status_code == 409 and "al behandeld" in again.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(AuditEntry.actor).where(AuditEntry.comment_id == comment_id)) == f"mail:{NOTIFY}"


def test_a_tampered_or_expired_link_does_nothing(mail_app):
    now = [datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)]
    with smtp_server() as (port, inbox):
        client = mail_app(port, CLOCK=lambda: now[0]).test_client()
        post(client)
        approve = links(wait_for(lambda: inbox and inbox[0]))[0]
    assert client.get(approve[:-3] + "abc").status_code == 400
    now[0] += timedelta(days=7, seconds=1)
    expired = client.get(approve)
    assert expired.status_code == 410 and "verlopen" in expired.get_data(as_text=True)


def test_a_stopped_mail_server_loses_nothing_and_the_mail_follows_once(mail_app):
    port = free_port()
    app = mail_app(port)
    client = app.test_client()
    response = post(client)
    assert response.status_code == 201
    failed = wait_for(lambda: [m for m in outbox(app) if m.attempts == 1])[0]
    assert failed.sent_at is None and failed.last_error and failed.next_attempt_at > failed.created_at
    with smtp_server(port) as (_, inbox), app.app_context():
        assert deliver_due(failed.created_at) == (0, 0)  # not due yet: backoff
        assert deliver_due(failed.next_attempt_at) == (1, 0)
        assert deliver_due(failed.next_attempt_at + timedelta(hours=1)) == (0, 0)
    assert len(inbox) == 1 and outbox(app)[0].sent_at is not None


def test_each_failure_doubles_the_wait_up_to_six_hours(mail_app):
    port = free_port()  # nothing listens: every attempt fails
    app = mail_app(port)
    post(app.test_client())
    message = wait_for(lambda: [m for m in outbox(app) if m.attempts == 1])[0]
    waits = []
    with app.app_context():
        for _ in range(9):
            at = message.next_attempt_at
            assert deliver_due(at) == (0, 1)
            message = outbox(app)[0]
            waits.append(int((message.next_attempt_at - at).total_seconds() // 60))
    assert waits == [4, 8, 16, 32, 64, 128, 256, 360, 360]  # minutes after attempts 2 to 10
    assert message.attempts == 10 and message.sent_at is None and "ConnectionRefusedError" in message.last_error


def test_a_message_sent_meanwhile_is_never_claimed_again(mail_app):
    """Two workers: one sends a message after the other listed it as due. The listing one's claim re-reads the
    row and leaves it, also once the sender's claim has run out (a slow server)."""
    with smtp_server() as (port, inbox):
        app = mail_app(port)
        post(app.test_client())
        wait_for(lambda: len(inbox) == 1 and outbox(app)[0].sent_at is not None)
    with app.app_context():
        assert not _claim(outbox(app)[0].id, datetime.now(timezone.utc) + timedelta(days=1))
    assert outbox(app)[0].attempts == 1


def test_several_workers_send_each_message_once(mail_app):
    port = free_port()
    app = mail_app(port)
    client = app.test_client()
    for _ in range(5):
        post(client)
    wait_for(lambda: len(outbox(app)) == 5 and all(m.attempts >= 1 and m.claimed_until is None for m in outbox(app)))
    later = datetime.now(timezone.utc) + timedelta(hours=1)
    with smtp_server(port) as (_, inbox):
        def worker():
            with app.app_context():
                deliver_due(later)
        workers = [threading.Thread(target=worker) for _ in range(4)]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join(timeout=60)
    assert len(inbox) == 5  # each message once: their signed links all differ
    assert len({m.get_body(("plain",)).get_content() for m in inbox}) == 5
    assert all(m.sent_at is not None for m in outbox(app))


def test_no_mail_for_spam_or_when_mail_is_off(mail_app, make_app):
    with smtp_server() as (port, _):
        app = mail_app(port)
        post(app.test_client(), website="https://spam.example")
        assert outbox(app) == []
    quiet = make_app()
    post(quiet.test_client())
    assert outbox(quiet) == []
