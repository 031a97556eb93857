"""Reader text never becomes a mail header line, and no message stops the outbox: encoded words are refused
at the edge, every header is built from text the service controls, and the received header set is exact."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime, timedelta, timezone

import pytest

from comments_service.domain.models import Comment, Status
from comments_service.infra.database import db
from comments_service.mail import data_link
from comments_service.mail import reader as reader_mail
from comments_service.mail.author import queue_new_comment
from comments_service.mail.outbox import OutboxMessage, deliver_due, enqueue
from tests.support.background import settle
from tests.support.comments import THREAD, post, stored_count
from tests.support.smtp import smtp_server, wait_for

NOTIFY, READER = "auteur@example.nl", "lezer@example.nl"
BASE = {"From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"}
LIST = {"List-Unsubscribe", "List-Unsubscribe-Post"}
HOSTILE_NAMES = [
    "=?UTF-8?Q?x=0D=0ABcc:evil@example.org?=",
    "=?utf-8?b?eA0KQmNjOiBldmlsQGV4YW1wbGUub3Jn?=",  # "x\r\nBcc: evil@example.org"
    "Anna =?iso-8859-1?q?=0A=0AReply-To:_evil@example.org?= de Vries",
    "=?UTF-8*nl?Q?=0D=0A=0D=0A?=",  # RFC 2231 language tag
    "=?utf-8?B?DQoNCjxodG1sPg==?=",  # a blank line: headers pushed into the body
]
HOSTILE_ADDRESSES = [
    "=?utf-8?q?x=0D=0ABcc:evil?=@example.com",
    "=?utf-8?q?x?=@example.com",  # decodes to another address
    "=?UTF-8?B?eA==?=@example.com",
    "a=?utf-8?Q?b?=c@example.com",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES + ["=?x?q?y?="])
def test_a_name_with_an_encoded_word_is_refused_at_the_edge(client, name):
    response = post(client, author=name)
    assert response.status_code == 400
    assert "=?" in response.get_json()["error"]["fields"]["author"]
    assert stored_count(client.application) == 0


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
def test_an_address_the_mail_library_would_change_is_refused_at_the_edge(client, address):
    response = post(client, email=address)
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"] == {"email": "Dit e-mailadres klopt niet. Controleer het, of laat het veld leeg."}
    assert client.post("/api/mijn-gegevens", data={"email": address}).status_code == 400


@pytest.mark.parametrize("name", ["Jan = ?", "a=?b", "Q?=x", "Ärger & Zoon"])
def test_names_that_only_look_like_one_pass(client, name):
    assert post(client, author=name).status_code == 201


def header_names(message) -> list[str]:
    """The header lines of the top part, read from the bytes as sent (nothing decoded)."""
    return email.message_from_bytes(message.raw, policy=email.policy.compat32).keys()


def _comment(**fields) -> Comment:
    now = datetime.now(timezone.utc)
    values = {"thread": THREAD, "body": "Tekst", "body_html": "<p>Tekst</p>", "status": Status.PENDING,
              "created_at": now, "updated_at": now, **fields}
    comment = Comment(**values)
    db.session.add(comment)
    db.session.flush()
    return comment


@pytest.mark.parametrize("name", HOSTILE_NAMES[:2])
def test_hostile_stored_names_never_reach_a_header_of_any_mail(make_app, name):
    """Rows that bypassed the edge (an old database, a direct insert): the author's mail and every reader
    mail arrive with exactly the headers the service writes, each one line."""
    with smtp_server() as (port, inbox):
        app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=port, NOTIFY_TO=NOTIFY, MAIL_FROM="reacties@example.nl")
        thread = app.extensions["threads"][THREAD]
        now = datetime.now(timezone.utc)
        with app.app_context():
            mine = _comment(author=name, email=READER, notify_replies=True, category="voorbeeld", body=f"{name}\nBcc: x")
            queue_new_comment(mine, thread, now)
            reader_mail.opt_in(mine, now)
            db.session.commit()
            reader_mail.confirm(READER, now)
            mine.status = Status.APPROVED
            reader_mail.published(mine, now)
            reply = _comment(author=name, parent_id=mine.id, status=Status.APPROVED)
            reader_mail.published(reply, now)
            db.session.commit()
        with app.app_context():
            data_link.send_data_link(READER, now)
        messages = wait_for(lambda: len(inbox) == 5 and list(inbox))
        settle(app)
    subjects = {m["Subject"]: m for m in messages}
    assert set(subjects) == {"Nieuwe reactie op \u201cLeiden of lijden\u201d", "Bevestig je e-mailadres",
                             "Je reactie op “Leiden of lijden” staat online", "Er is gereageerd op je reactie op “Leiden of lijden”", "Je reacties en gegevens"}
    for subject, message in subjects.items():
        listed = subject in {"Je reactie op “Leiden of lijden” staat online", "Er is gereageerd op je reactie op “Leiden of lijden”"}
        assert sorted(header_names(message)) == sorted(BASE | (LIST if listed else set())), subject
        assert all("\r" not in value and "\n" not in value for value in message.values()), subject
        assert "evil" not in message.raw.split(b"\r\n\r\n")[0].decode(), subject
    author_mail = subjects["Nieuwe reactie op \u201cLeiden of lijden\u201d"]
    assert author_mail["To"] == NOTIFY and name in author_mail.get_body(("plain",)).get_content()
    assert "> Bcc: x" in author_mail.get_body(("plain",)).get_content().splitlines()


def _queued(app, recipient: str, subject: str = "Onderwerp", headers: str | None = None) -> int:
    with app.app_context():
        message = enqueue(recipient, subject, "tekst", "<p>tekst</p>", datetime.now(timezone.utc))
        message.headers = headers
        db.session.commit()
        return message.id


def test_a_message_that_cannot_be_built_does_not_delay_the_next(make_app):
    with smtp_server() as (port, inbox):
        app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=port, MAIL_FROM="reacties@example.nl")
        settle(app)  # the background runs started by queueing (any order): this test drives the outbox itself
        bad = [_queued(app, "=?utf-8?q?x=0D=0ABcc:evil@example.org?=@example.com"),
               _queued(app, READER, subject="Hallo\r\nBcc: evil@example.org"),
               *[_queued(app, READER, subject=f"Hallo{separator}Bcc: evil@example.org")  # lines to Unicode readers
                 for separator in ("\x85", "\u2028", "\u2029", "\x0b", "\x1c")],
               _queued(app, READER, headers="{not json"),
               _queued(app, READER, headers='{"X-Extra": "=?utf-8?q?=0D=0ABcc:evil?="}')]
        good = _queued(app, NOTIFY, subject="Goed")
        settle(app)
        later = datetime.now(timezone.utc) + timedelta(minutes=1)
        with app.app_context():
            rows = {row.id: row for row in db.session.scalars(db.select(OutboxMessage))}
            assert rows[good].sent_at is not None
            for message_id in bad:
                row = rows[message_id]
                assert row.sent_at is None and row.attempts == 1 and row.last_error and row.next_attempt_at > later
            assert deliver_due(later) == (0, 0)  # backing off, not retried at once
            assert deliver_due(later + timedelta(hours=1)) == (0, len(bad))
        assert [m["Subject"] for m in inbox] == ["Goed"]
        assert "evil" not in b"".join(m.raw for m in inbox).decode()
