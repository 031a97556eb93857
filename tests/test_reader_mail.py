"""Readers follow the conversation: double opt-in, notices only to confirmed addresses and only about
approved comments, one-click unsubscribe; and the data page (AVG) behind a signed link. Real SMTP."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta, timezone

import pytest

from comments_service.audit import AuditEntry
from comments_service.database import db
from comments_service.models import Comment, Status
from tests.support.admin import act, log_in, make_admin
from tests.support.comments import COMMENTS_URL, moderate, post
from tests.support.background import settle
from tests.support.smtp import smtp_server, wait_for

READER, OTHER = "lezer@example.nl", "ander@example.nl"
LINK = re.compile(r"http://127\.0\.0\.1:8000(/api/(?:mail/\w+|mijn-gegevens)/[\w.\-]+)")


@pytest.fixture
def reader_mail(make_app):
    """(app, reader client, inbox, clock offset) with mail on and no author notices (NOTIFY_TO unset). The
    clock runs (the helpers that moderate use real time); a test moves it on through the offset."""
    offset = [timedelta(0)]
    with smtp_server() as (port, inbox):
        app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=port, MAIL_FROM="reacties@example.nl",
                       CLOCK=lambda: datetime.now(timezone.utc) + offset[0])
        yield app, app.test_client(), inbox, offset


def to(inbox, address: str) -> list:
    return [message for message in inbox if message["To"] == address]


def link_in(message) -> str:
    return LINK.findall(message.get_body(("plain",)).get_content())[0]


def test_notify_needs_an_address_and_is_off_by_default(reader_mail):
    app, client, inbox, _ = reader_mail
    response = post(client, notify_replies=True)
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"] == {
        "notify_replies": "Vul je e-mailadres in om een bericht te krijgen als iemand reageert."}
    post(client, email=READER)  # no opt-in: nothing is ever sent
    moderate(app, Status.APPROVED, *[c.id for c in _all(app)])
    settle(app)
    assert to(inbox, READER) == []


def _all(app) -> list[Comment]:
    with app.app_context():
        rows = db.session.scalars(db.select(Comment).order_by(Comment.id)).all()
        db.session.expunge_all()
        return rows


def test_the_confirmation_flow_and_the_notices(reader_mail):
    app, client, inbox, now = reader_mail
    mine = post(client, email=READER, notify_replies=True).get_json()["id"]
    confirm = wait_for(lambda: to(inbox, READER))
    assert len(confirm) == 1 and confirm[0]["Subject"] == "Bevestig je e-mailadres"
    assert "List-Unsubscribe" not in confirm[0]
    post(client, email=READER, notify_replies=True)  # a second post the same day: no second confirmation
    moderate(app, Status.APPROVED, mine)  # approved before confirming: no notice to an unconfirmed address
    settle(app)
    assert len(to(inbox, READER)) == 1
    path = link_in(confirm[0])
    page = client.get(path)
    assert page.status_code == 200 and "Bevestig je e-mailadres" in page.get_data(as_text=True)
    settle(app)
    assert len(to(inbox, READER)) == 1  # a GET (a mail scanner) confirms nothing
    assert "is bevestigd" in client.post(path).get_data(as_text=True)

    reply = post(client, author="Bert", email=OTHER, parent_id=mine, category=None, body="Goed <b>idee</b>!").get_json()["id"]
    settle(app)
    assert len(to(inbox, READER)) == 1  # pending replies are not news
    moderate(app, Status.APPROVED, reply)
    notice = wait_for(lambda: [m for m in to(inbox, READER) if m["Subject"] == "Er is gereageerd op je reactie"])[0]
    text = notice.get_body(("plain",)).get_content()
    assert "Bert reageerde op je reactie" in text and "Goed <b>idee</b>!" in text
    assert "Goed &lt;b&gt;idee&lt;/b&gt;!" in notice.get_body(("html",)).get_content()
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.search(r"<http://127\.0\.0\.1:8000(/api/mail/afmelden/[\w.\-]+)>", notice["List-Unsubscribe"]).group(1)
    assert to(inbox, OTHER) == []  # Bert did not ask for anything

    second = post(client, email=READER, notify_replies=True).get_json()["id"]
    moderate(app, Status.APPROVED, second)
    online = wait_for(lambda: [m for m in to(inbox, READER) if m["Subject"] == "Je reactie staat online"])
    assert len(online) == 1 and f"#reactie-{second}" in online[0].get_body(("plain",)).get_content()

    one_click = client.post(unsubscribe, data={"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    third = post(client, email=READER).get_json()["id"]
    moderate(app, Status.APPROVED, third)
    make_admin(app)
    admin = app.test_client()
    log_in(admin)
    act(admin, f"/admin/comments/{mine}/reply", body="Dank je!")
    settle(app)
    count = len(to(inbox, READER))
    moderate(app, Status.APPROVED, post(client, author="Cees", parent_id=mine, category=None).get_json()["id"])
    settle(app)
    assert len(to(inbox, READER)) == count == 3  # unsubscribed: nothing more
    print(f"reader mail: 1 confirmation, {count - 1} notices after confirming, 0 before it, 0 after unsubscribing")


def test_the_admin_sees_a_count_of_subscribers_not_addresses(reader_mail):
    app, client, inbox, _ = reader_mail
    mine = post(client, email=READER, notify_replies=True).get_json()["id"]
    client.post(link_in(wait_for(lambda: to(inbox, READER))[0]))
    make_admin(app)
    admin = app.test_client()
    log_in(admin)
    page = admin.get("/admin/?status=pending").get_data(as_text=True)
    assert "1 abonnee op antwoorden" in page and page.count("abonnee") == 1 and f"#{mine}" in page


@pytest.mark.parametrize("tamper", ["forged", "expired", "other purpose"])
def test_forged_or_expired_links_are_refused_in_dutch(reader_mail, tamper):
    app, client, inbox, now = reader_mail
    post(client, email=READER, notify_replies=True)
    path = link_in(wait_for(lambda: to(inbox, READER))[0])
    if tamper == "forged":
        path = path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB")
    elif tamper == "expired":
        now[0] = timedelta(days=8)
    else:
        path = path.replace("/mail/bevestigen/", "/mijn-gegevens/")
    for method in ("get", "post"):
        response = getattr(client, method)(path)
        body = html.unescape(response.get_data(as_text=True))
        assert response.status_code == (410 if tamper == "expired" else 400)
        assert ("verlopen" if tamper == "expired" else "Deze link is ongeldig") in body


def test_the_data_page_lists_and_erases_exactly_that_address(reader_mail):
    app, client, inbox, _ = reader_mail
    mine = [post(client, author="Ans", email=READER, body=f"Mijn reactie {n}").get_json()["id"] for n in range(3)]
    theirs = post(client, author="Bert", email=OTHER, body="Van iemand anders").get_json()["id"]
    moderate(app, Status.APPROVED, mine[0], theirs)
    own_reply = post(client, author="Ans", email=READER, parent_id=mine[0], category=None, body="Mijn reactie 3").get_json()["id"]
    assert client.post("/api/mijn-gegevens", data={"email": "niemand@example.nl"}).status_code == 200
    assert client.post("/api/mijn-gegevens", data={"email": READER.upper()}).status_code == 200
    settle(app)
    data_mail = to(inbox, READER)
    assert len(data_mail) == 1 and to(inbox, "niemand@example.nl") == []
    path = link_in(data_mail[0])
    page = client.get(path).get_data(as_text=True)
    assert all(f"Mijn reactie {n}" in page for n in range(4)) and "Van iemand anders" not in page
    client.post(path, data={"action": "withdraw", "id": str(mine[1])})
    client.post(path, data={"action": "withdraw", "id": str(theirs)})  # not this address's: untouched
    assert {c.id for c in _all(app)} == {mine[0], mine[2], own_reply, theirs}
    client.post(path, data={"action": "withdraw-all"})
    assert {c.id for c in _all(app)} == {theirs}
    with app.app_context():
        trail = " ".join(f"{e.before} {e.after}" for e in db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.comment_id.in_([*mine, own_reply]))))
        assert "Ans" not in trail and "Mijn reactie" not in trail and READER not in trail
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry).where(AuditEntry.comment_id.in_(mine))) >= 3
    assert "Van iemand anders" in client.get(COMMENTS_URL).get_data(as_text=True)


def test_asking_for_the_data_link_is_rate_limited(make_app):
    with smtp_server() as (port, inbox):
        app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=port, RATELIMIT_ENABLED=True, RATELIMIT_DATA_LINK="3 per hour")
        client = app.test_client()
        post(client, email=READER)
        statuses = [client.post("/api/mijn-gegevens", data={"email": READER}).status_code for _ in range(5)]
        assert statuses == [200, 200, 200, 429, 429]
        settle(app)
        assert len(to(inbox, READER)) == 1  # and one mail per address per 10 minutes


@pytest.mark.parametrize(("posted", "asked"), [
    ("\u00c4rger@example.com", "\u00e4rger@example.com"),
    ("\u00e4rger@example.com", "\u00c4RGER@EXAMPLE.COM"),
    ("\u0130stanbul@example.com", "i\u0307stanbul@example.com"),  # Turkish capital I with dot: lower() gives i + dot
    ("\u00c9lodie@example.com", "E\u0301lodie@example.com"),  # composed and decomposed: one address
    ("\u041e\u043b\u044f@example.com", "\u043e\u043b\u044f@example.com"),  # Cyrillic
])
def test_the_data_link_finds_an_address_in_any_case_of_any_script(reader_mail, posted, asked):
    app, client, inbox, _ = reader_mail
    assert post(client, email=posted, body="Mijn reactie").status_code == 201
    assert client.post("/api/mijn-gegevens", data={"email": asked}).status_code == 200
    settle(app)
    assert len(inbox) == 1
    assert "Mijn reactie" in client.get(link_in(inbox[0])).get_data(as_text=True)


def test_the_data_link_answer_is_the_same_with_or_without_comments(reader_mail):
    """The lookup runs after the answer: the answer (and its time) cannot tell whether an address posted."""
    app, client, inbox, _ = reader_mail
    post(client, email=READER)
    answers = [client.post("/api/mijn-gegevens", data={"email": address}) for address in (READER, "niemand@example.nl")]
    assert [(a.status_code, a.get_data()) for a in answers[:1]] == [(b.status_code, b.get_data()) for b in answers[1:]]
    settle(app)
    assert [m["To"] for m in inbox] == [READER]


@pytest.mark.parametrize("spelling", [READER, READER.upper(), f"  {READER.capitalize()}"])
def test_a_readers_reply_to_their_own_comment_sends_them_no_notice(reader_mail, spelling):
    app, client, inbox, _ = reader_mail
    mine = post(client, email=READER, notify_replies=True).get_json()["id"]
    confirm = wait_for(lambda: to(inbox, READER))[0]
    client.post(link_in(confirm))
    moderate(app, Status.APPROVED, mine)
    wait_for(lambda: [m for m in to(inbox, READER) if m["Subject"] == "Je reactie staat online"])
    own = post(client, author="Ans", email=spelling, parent_id=mine, category=None, body="Aanvulling").get_json()["id"]
    other = post(client, author="Bert", parent_id=mine, category=None, body="Van Bert").get_json()["id"]
    moderate(app, Status.APPROVED, own)
    settle(app)
    assert [m["Subject"] for m in to(inbox, READER)] == ["Bevestig je e-mailadres", "Je reactie staat online"]
    moderate(app, Status.APPROVED, other)  # the same path, for someone else's reply: the notice comes
    assert wait_for(lambda: [m for m in to(inbox, READER) if m["Subject"] == "Er is gereageerd op je reactie"])
