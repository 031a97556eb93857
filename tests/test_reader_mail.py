"""Readers follow the conversation: double opt-in, notices only to confirmed addresses and only about
approved comments, one-click unsubscribe, and links that lead where they say. Real SMTP."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta, timezone

import pytest

from comments_service.domain.models import Comment, Status
from comments_service.infra.database import db
from tests.support.admin import act, log_in, make_admin
from tests.support.background import settle
from tests.support.comments import approved, moderate, post
from tests.support.reader_mail import OTHER, READER, all_comments, link_in, to
from tests.support.smtp import wait_for

SITE = "http://127.0.0.1:8000"


def test_notify_needs_an_address_and_is_off_by_default(reader_mail):
    app, client, inbox, _ = reader_mail
    response = post(client, notify_replies=True)
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"] == {
        "notify_replies": "Vul je e-mailadres in: daar sturen we het bericht heen."}
    post(client, email=READER)  # no opt-in: nothing is ever sent
    moderate(app, Status.APPROVED, *[c.id for c in all_comments(app)])
    settle(app)
    assert to(inbox, READER) == []


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
    online = wait_for(lambda: to(inbox, READER)[1:])  # approved while the address waited: told now, once
    assert online[0]["Subject"] == "Je reactie op “Leiden of lijden” staat online"
    assert f"#reactie-{mine}" in online[0].get_body(("plain",)).get_content()
    assert "is bevestigd" in client.post(path).get_data(as_text=True)  # confirming again tells nothing again

    reply = post(client, author="Bert", email=OTHER, parent_id=mine, category=None, body="Goed <b>idee</b>!").get_json()["id"]
    settle(app)
    assert len(to(inbox, READER)) == 2  # pending replies are not news
    moderate(app, Status.APPROVED, reply)
    notice = wait_for(lambda: [m for m in to(inbox, READER) if m["Subject"] == "Er is gereageerd op je reactie op “Leiden of lijden”"])[0]
    text = notice.get_body(("plain",)).get_content()
    assert "Bert reageerde op je reactie" in text and "Goed <b>idee</b>!" in text
    assert "Goed &lt;b&gt;idee&lt;/b&gt;!" in notice.get_body(("html",)).get_content()
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.search(r"<http://127\.0\.0\.1:8000(/api/mail/afmelden/[\w.\-]+)>", notice["List-Unsubscribe"]).group(1)
    assert to(inbox, OTHER) == []  # Bert did not ask for anything

    second = post(client, email=READER, notify_replies=True).get_json()["id"]
    moderate(app, Status.APPROVED, second)
    online = wait_for(lambda: [m for m in to(inbox, READER) if m["Subject"] == "Je reactie op “Leiden of lijden” staat online"
                               and f"#reactie-{second}" in m.get_body(("plain",)).get_content()])
    assert len(online) == 1

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
    assert len(to(inbox, READER)) == count == 4  # unsubscribed: nothing more
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


@pytest.mark.parametrize("spelling", [READER, READER.upper(), f"  {READER.capitalize()}"])
def test_a_readers_reply_to_their_own_comment_sends_them_no_notice(reader_mail, spelling):
    app, client, inbox, _ = reader_mail
    mine = post(client, email=READER, notify_replies=True).get_json()["id"]
    confirm = wait_for(lambda: to(inbox, READER))[0]
    client.post(link_in(confirm))
    moderate(app, Status.APPROVED, mine)
    wait_for(lambda: [m for m in to(inbox, READER) if m["Subject"] == "Je reactie op “Leiden of lijden” staat online"])
    own = post(client, author="Ans", email=spelling, parent_id=mine, category=None, body="Aanvulling").get_json()["id"]
    other = post(client, author="Bert", parent_id=mine, category=None, body="Van Bert").get_json()["id"]
    moderate(app, Status.APPROVED, own)
    settle(app)
    assert [m["Subject"] for m in to(inbox, READER)] == ["Bevestig je e-mailadres", "Je reactie op “Leiden of lijden” staat online"]
    moderate(app, Status.APPROVED, other)  # the same path, for someone else's reply: the notice comes
    assert wait_for(lambda: [m for m in to(inbox, READER) if m["Subject"] == "Er is gereageerd op je reactie op “Leiden of lijden”"])


def _links(message) -> dict[str, list[str]]:
    """Every absolute link in each part of a mail, and in its List-Unsubscribe header."""
    parts = {kind: message.get_body((kind,)).get_content() for kind in ("plain", "html")}
    found = {kind: re.findall(r"https?://[^\s\"<>]+", text) for kind, text in parts.items()}
    found["header"] = re.findall(r"<([^>]+)>", message["List-Unsubscribe"] or "")
    return found


def test_every_link_in_a_readers_mail_leads_where_it_says(reader_mail):
    app, client, inbox, _ = reader_mail
    mine = post(client, email=READER, notify_replies=True).get_json()["id"]
    confirm = wait_for(lambda: to(inbox, READER))[0]
    confirm_links = _links(confirm)
    assert confirm_links["header"] == [] and confirm_links["plain"][-1] == f"{SITE}/api/mijn-gegevens"
    assert client.post(link_in(confirm)).status_code == 200
    moderate(app, Status.APPROVED, mine)
    online = wait_for(lambda: [m for m in to(inbox, READER) if m["Subject"] == "Je reactie op “Leiden of lijden” staat online"])[0]
    links = _links(online)
    unsubscribe = links["header"][0]
    assert re.fullmatch(rf"{re.escape(SITE)}/api/mail/afmelden/[\w.\-]+", unsubscribe)
    expected = [f"{SITE}/blog/leiden-of-lijden/#reactie-{mine}", unsubscribe, f"{SITE}/api/mijn-gegevens"]
    assert links["plain"] == expected and sorted(links["html"]) == sorted(expected)
    assert "Je bent afgemeld" in html.unescape(client.post(unsubscribe.removeprefix(SITE)).get_data(as_text=True))


def test_a_restored_comment_that_asks_for_notices_without_an_address_is_approved_without_mail(reader_mail):
    """A backup may hold notify_replies without an address (the edge never lets one in): approving it and a
    reply under it sends nothing and fails nothing."""
    app, client, inbox, _ = reader_mail
    now = datetime.now(timezone.utc)
    with app.app_context():
        stored = Comment(thread="leiden-of-lijden", author="A", body="B", body_html="<p>B</p>", category="coachen",
                         status=Status.PENDING, notify_replies=True, email=None, created_at=now, updated_at=now)
        db.session.add(stored)
        db.session.commit()
        comment_id = stored.id
    moderate(app, Status.APPROVED, comment_id)
    moderate(app, Status.APPROVED, post(client, parent_id=comment_id, category=None).get_json()["id"])
    settle(app)
    assert inbox == []


@pytest.mark.parametrize(("reply", "sentence"), [
    (False, "Je vroeg om een bericht als je reactie online staat en als iemand erop reageert."),
    (True, "Je vroeg om een bericht als je antwoord online staat."),  # nobody replies to a reply
])
def test_the_confirmation_mail_says_what_was_asked_for(reader_mail, reply, sentence):
    app, client, inbox, _ = reader_mail
    parent = approved(client) if reply else None
    post(client, email="lezer@example.nl", notify_replies=True, parent_id=parent, category=None if reply else "coachen")
    settle(app)
    assert sentence in inbox[0].get_body(("plain",)).get_content()
