"""The author's digest against a real SMTP server: the first comment after a quiet period at once, then at most
one mail per period listing what still waits (each with its three links), sent by the timer or by cron."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from comments_service.domain.models import Status
from tests.support.comments import moderate, post, store_raw
from tests.support.smtp import smtp_server, wait_for

NOTIFY = "auteur@example.nl"
START = datetime(2026, 6, 1, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def digest_app(make_app):
    """An app that mails a digest per period, on a clock the test moves: build(port, period) -> (app, now)."""
    def build(port: int, period: str = "hour"):
        now = [START]
        app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=port, NOTIFY_TO=NOTIFY, MAIL_FROM="reacties@example.nl",
                       AUTHOR_MAIL=period, CLOCK=lambda: now[0])
        return app, now
    return build


def _send_mail(app) -> str:
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    return result.output


def _plain(message) -> str:
    return message.get_body(("plain",)).get_content()


@pytest.mark.parametrize(("period", "length"), [("hour", timedelta(hours=1)), ("day", timedelta(days=1))])
def test_one_mail_per_period_lists_what_still_waits(digest_app, period, length):
    with smtp_server() as (port, inbox):
        app, now = digest_app(port, period)
        client = app.test_client()
        post(client, author="Eerste", body="Meteen gemeld.")
        first = wait_for(lambda: inbox and inbox[0])
        assert first["Subject"] == "1 nieuwe reactie wacht op goedkeuring"
        assert "Eerste" in _plain(first) and _plain(first).count("Goedkeuren: ") == 1
        now[0] = START + timedelta(minutes=10)
        post(client, author="Tweede", body="Wacht op de bundel.")
        post(client, author="Derde", body="Ook.", category="coachen")
        approved_meanwhile = post(client, author="Vierde", body="Al goedgekeurd.").get_json()["id"]
        moderate(app, Status.APPROVED, approved_meanwhile)
        now[0] = START + length - timedelta(seconds=1)
        assert "sent 0" in _send_mail(app) and len(inbox) == 1  # the period is not over: nothing yet
        now[0] = START + length
        assert "a digest of 2 comment(s)" in _send_mail(app)
        digest = wait_for(lambda: len(inbox) == 2 and inbox[1])
        text = _plain(digest)
        assert digest["Subject"] == "2 nieuwe reacties wachten op goedkeuring"
        assert "Tweede" in text and "Derde" in text and "Vierde" not in text and "Eerste" not in text
        assert text.count("Goedkeuren: ") == text.count("Afwijzen: ") == text.count("Spam: ") == 2
        assert "> Wacht op de bundel." in text and "\r\nAanpak: Coachen\r\n" in text  # the short label
        html = digest.get_body(("html",)).get_content()
        assert html.count(">Goedkeuren</a>") == 2 and "/admin/mail/" in html
        assert "sent 0" in _send_mail(app) and len(inbox) == 2  # nothing is mailed twice
        now[0] = START + length + timedelta(minutes=5)
        post(client, author="Vijfde", body="Na de bundel.")  # the next period began with the last digest
        now[0] = START + 2 * length
        _send_mail(app)
        third = wait_for(lambda: len(inbox) == 3 and inbox[2])
        assert "Vijfde" in _plain(third) and "Tweede" not in _plain(third)


def test_a_digest_names_each_comment_once_however_many_workers_ask(digest_app):
    with smtp_server() as (port, inbox):
        app, now = digest_app(port)
        client = app.test_client()
        post(client, author="Eerste")
        wait_for(lambda: inbox and inbox[0])
        for number in range(5):
            now[0] = START + timedelta(minutes=1, seconds=number)
            post(client, author=f"Lezer {number}")
        now[0] = START + timedelta(hours=2)
        outputs = [_send_mail(app) for _ in range(3)]
        assert sum("a digest of" in output for output in outputs) == 1
        digest = wait_for(lambda: len(inbox) == 2 and inbox[1])
        assert all(f"Lezer {number}" in _plain(digest) for number in range(5))


def test_a_long_digest_writes_out_fifty_and_counts_the_rest(digest_app):
    """A mail the author can still read: the first 50 with their links, the others counted, all of them marked."""
    with smtp_server() as (port, inbox):
        app, now = digest_app(port)
        post(app.test_client(), author="Eerste")
        wait_for(lambda: inbox and inbox[0])
        store_raw(app, "coachen", 52, status=Status.PENDING)  # as from a restored backup: no digest asked for yet
        now[0] = START + timedelta(minutes=10)
        post(app.test_client(), author="Laatste")
        now[0] = START + timedelta(hours=1)
        assert "a digest of 53 comment(s)" in _send_mail(app)
        digest = wait_for(lambda: len(inbox) == 2 and inbox[1])
        text = _plain(digest)
        assert digest["Subject"] == "53 nieuwe reacties wachten op goedkeuring"
        assert text.count("Goedkeuren: ") == 50 and "En nog 3 reacties: zie de wachtrij." in text
        assert "Alle wachtende reacties: http://127.0.0.1:8000/admin/?status=pending" in text
        now[0] = START + timedelta(hours=3)
        assert "sent 0" in _send_mail(app) and len(inbox) == 2  # the three counted were named too


def test_a_wrong_choice_stops_the_start(make_app):
    with pytest.raises(ValueError, match="COMMENTS_AUTHOR_MAIL"):
        make_app(AUTHOR_MAIL="weekly")
