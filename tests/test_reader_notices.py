"""What a reader's mail tells and to whom: that a comment went online (once), the author's reply; never a comment
refused or marked spam, a refused reply, or a correction; on confirming, only what that address asked for; the
admin's follower count; links under an origin given with a trailing slash, and under a post no longer in the site;
a confirmation at most once a day, and never to a confirmed address; an unsubscribe link that never expires.
Real SMTP."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from comments_service.domain import advice
from comments_service.domain.models import Comment, Status
from comments_service.domain.moderation import edit_text, set_category
from comments_service.infra.database import db
from comments_service.mail.reader import locked_row, may_receive, subscriber_counts
from tests.support.admin import act, log_in, make_admin
from tests.support.background import settle
from tests.support.comments import moderate, post
from tests.support.reader_mail import OTHER, READER, all_comments, link_in, to
from tests.support.smtp import smtp_server, wait_for

CONFIRM = "Bevestig je e-mailadres"
ONLINE = "Je reactie op “Leiden of lijden” staat online"
REPLIED = "Er is gereageerd op je reactie op “Leiden of lijden”"


def _subjects(inbox) -> list[str]:
    return [message["Subject"] for message in to(inbox, READER)]


def _following(app, client, inbox) -> int:
    """A confirmed reader's comment, approved and told so; its id."""
    mine = post(client, email=READER, notify_replies=True).get_json()["id"]
    client.post(link_in(wait_for(lambda: to(inbox, READER))[0]))
    moderate(app, Status.APPROVED, mine)
    wait_for(lambda: _subjects(inbox)[1:])
    assert _subjects(inbox) == [CONFIRM, ONLINE]
    return mine


@pytest.mark.parametrize("status", [Status.REJECTED, Status.SPAM, Status.PENDING])
def test_a_comment_that_does_not_go_online_tells_nobody(reader_mail, status):
    app, client, inbox, _ = reader_mail
    mine = _following(app, client, inbox)
    other = post(client, email=READER, notify_replies=True).get_json()["id"]
    reply = post(client, author="Bert", parent_id=mine, category=None).get_json()["id"]
    moderate(app, status, other, reply)
    settle(app)
    assert _subjects(inbox) == [CONFIRM, ONLINE]


def test_a_correction_of_a_comment_already_online_tells_nobody_again(reader_mail):
    app, client, inbox, _ = reader_mail
    mine = _following(app, client, inbox)
    with app.app_context():
        comment, now = db.session.get(Comment, mine), datetime.now(timezone.utc)
        edit_text(comment, "Een verbeterde tekst.", "admin", now)
        set_category(comment, "coachen", "admin", now)
        db.session.commit()
    moderate(app, Status.APPROVED, mine)
    settle(app)
    assert _subjects(inbox) == [CONFIRM, ONLINE]


def test_the_authors_reply_tells_the_reader_who_follows(reader_mail):
    app, client, inbox, _ = reader_mail
    mine = _following(app, client, inbox)
    make_admin(app)
    admin = app.test_client()
    log_in(admin)
    assert act(admin, f"/admin/comments/{mine}/reply", body="Dank je, *goed* punt!").status_code == 303
    notice = wait_for(lambda: [m for m in to(inbox, READER) if m["Subject"] == REPLIED])
    text = notice[0].get_body(("plain",)).get_content()
    reply = max(comment.id for comment in all_comments(app))
    assert len(notice) == 1 and "Redactie reageerde op je reactie:\r\n\r\nDank je, *goed* punt!" in text
    assert f"/blog/leiden-of-lijden/#reactie-{reply}\r\n" in text and reply > mine


@pytest.mark.parametrize("origin", ["http://127.0.0.1:8000/", "http://127.0.0.1:8000//"])
def test_an_origin_given_with_a_trailing_slash_makes_no_double_slash_in_any_link(make_app, origin):
    with smtp_server() as (port, inbox):
        app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=port, MAIL_FROM="reacties@example.nl", NOTIFY_TO="auteur@example.nl",
                       PUBLIC_URL=origin)
        client = app.test_client()
        mine = post(client, email=READER, notify_replies=True).get_json()["id"]
        client.post(link_in(wait_for(lambda: to(inbox, READER))[0]))
        moderate(app, Status.APPROVED, mine)
        client.post("/api/mijn-gegevens", data={"email": READER})
        mails = wait_for(lambda: inbox if len(to(inbox, READER)) == 3 and to(inbox, "auteur@example.nl") else [])
        feed = client.get("/api/threads/leiden-of-lijden/comments.atom").get_data(as_text=True)
    texts = [part.get_content() for mail in mails for part in mail.walk() if part.get_content_maintype() == "text"]
    found = "\n".join([*texts, *(mail["List-Unsubscribe"] or "" for mail in mails), feed])
    paths = re.findall(r"http://127\.0\.0\.1:8000([^\s\"<>]*)", found)
    assert app.config["PUBLIC_URL"] == "http://127.0.0.1:8000"
    assert len(paths) > 20 and all(path.startswith("/") and "//" not in path for path in paths), paths


def test_the_admin_counts_a_follower_only_for_a_confirmed_subscribed_address_that_asked(reader_mail):
    app, client, _, _ = reader_mail
    now = datetime.now(timezone.utc)
    with app.app_context():
        for address, confirmed, unsubscribed in [("ja@example.nl", now, None), ("nog-niet@example.nl", None, None),
                                                 ("afgemeld@example.nl", now, now)]:
            row = locked_row(address)
            row.confirmed_at, row.unsubscribed_at = confirmed, unsubscribed
        db.session.commit()
    asks = [post(client, email=address, notify_replies=True).get_json()["id"]
            for address in ("JA@example.nl", "nog-niet@example.nl", "afgemeld@example.nl")]
    silent = post(client, email="ja@example.nl").get_json()["id"]
    with app.app_context():
        restored = Comment(thread="leiden-of-lijden", author="A", body="B", body_html="<p>B</p>", category="coachen",
                           status=Status.PENDING, notify_replies=True, email=None, created_at=now, updated_at=now)
        db.session.add(restored)
        db.session.flush()
        counts = subscriber_counts(db.session.scalars(db.select(Comment).order_by(Comment.id)).all())
    assert counts == {asks[0]: 1, asks[1]: 0, asks[2]: 0, silent: 0, restored.id: 0}


def test_a_comment_under_a_post_that_is_gone_is_told_under_the_blogs_name(reader_mail):
    """A backup may hold comments of a post no longer in the site: the notice names the blog and links its start."""
    app, _, inbox, _ = reader_mail
    now = datetime.now(timezone.utc)
    with app.app_context():
        locked_row(READER).confirmed_at = now
        stored = Comment(thread="weg", author="A", body="B", body_html="<p>B</p>", category="coachen", status=Status.PENDING,
                         notify_replies=True, email=READER, created_at=now, updated_at=now)
        db.session.add(stored)
        db.session.commit()
        comment_id = stored.id
    moderate(app, Status.APPROVED, comment_id)
    mail = wait_for(lambda: to(inbox, READER))[0]
    assert mail["Subject"] == "Je reactie op de blog staat online"
    assert f"Lees hem terug: http://127.0.0.1:8000/#reactie-{comment_id}\r\n" in mail.get_body(("plain",)).get_content()


def test_confirming_tells_the_address_only_what_it_asked_for(reader_mail):
    app, client, inbox, _ = reader_mail
    with app.app_context():
        thread, now = app.extensions["threads"]["leiden-of-lijden"], datetime.now(timezone.utc)
        advice.set_text(thread, ["coachen"], "Vraag eerst wat er speelt.", "test", now)
        advice.schedule(thread, "test", now)  # published: nobody has confirmed yet
        db.session.commit()
    bert = post(client, author="Bert", email=OTHER, notify_replies=True, notify_advice=True).get_json()["id"]
    asked = post(client, email=READER, notify_replies=True).get_json()["id"]
    silent = post(client, email=READER).get_json()["id"]
    spam = post(client, email=READER, notify_advice=True).get_json()["id"]
    moderate(app, Status.APPROVED, bert, asked, silent)
    moderate(app, Status.SPAM, spam)
    client.post(link_in(wait_for(lambda: to(inbox, READER))[0]))
    online = wait_for(lambda: to(inbox, READER)[1:])
    settle(app)
    assert _subjects(inbox) == [CONFIRM, ONLINE] and f"#reactie-{asked}" in online[0].get_body(("plain",)).get_content()
    assert [message["Subject"] for message in to(inbox, OTHER)] == [CONFIRM]


def test_a_confirmation_is_sent_again_a_full_day_after_the_last(make_app):
    """At most one a day per address, so that nobody can mail-bomb an address by posting with it."""
    now = [datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)]
    with smtp_server() as (port, inbox):
        app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=port, MAIL_FROM="reacties@example.nl", CLOCK=lambda: now[0])
        client = app.test_client()
        sent = []
        for later in (timedelta(0), timedelta(hours=24) - timedelta(seconds=1), timedelta(hours=24)):
            now[0] = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc) + later
            post(client, email=READER, notify_replies=True)
            settle(app)
            sent.append(len(to(inbox, READER)))
    assert sent == [1, 1, 2]


def test_a_confirmed_address_is_never_asked_to_confirm_again(reader_mail):
    app, client, inbox, offset = reader_mail
    post(client, email=READER, notify_replies=True)
    client.post(link_in(wait_for(lambda: to(inbox, READER))[0]))
    offset[0] = timedelta(days=3)  # past the day in which a second confirmation would be held back anyway
    assert post(client, email=READER.upper(), notify_replies=True, notify_advice=True).status_code == 201
    settle(app)
    assert [m["Subject"] for m in to(inbox, READER)] == ["Bevestig je e-mailadres"]


def test_an_unsubscribe_link_works_for_ever(reader_mail):
    """Unlike the confirmation and data links: an old notice must always let its reader leave."""
    app, client, inbox, offset = reader_mail
    mine = post(client, email=READER, notify_replies=True).get_json()["id"]
    client.post(link_in(wait_for(lambda: to(inbox, READER))[0]))
    moderate(app, Status.APPROVED, mine)
    notice = wait_for(lambda: to(inbox, READER)[1:])[0]
    unsubscribe = re.search(r"<http://127\.0\.0\.1:8000(/api/mail/afmelden/[\w.\-]+)>", notice["List-Unsubscribe"]).group(1)
    offset[0] = timedelta(days=5 * 365)
    page = client.get(unsubscribe)
    assert page.status_code == 200 and "Afmelden voor berichten" in page.get_data(as_text=True)
    assert client.post(unsubscribe, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    with app.app_context():
        assert not may_receive(READER)
