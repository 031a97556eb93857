"""The reader's data (AVG): a signed link mailed on request, the same answer whether or not the address
posted, the page that lists and erases exactly that address's comments. Real SMTP."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from comments_service.domain import moderation
from comments_service.domain.audit import AuditEntry
from comments_service.domain.endorsements import Endorsement
from comments_service.domain.models import Comment, Status
from comments_service.infra.database import db
from tests.support.background import settle
from tests.support.comments import COMMENTS_URL, THREAD, moderate, post, stored_count
from tests.support.endorse import KEY, endorse
from tests.support.endorse import OTHER as OTHER_KEY
from tests.support.html_parse import html_text
from tests.support.reader_mail import OTHER, READER, all_comments, link_in, to
from tests.support.smtp import smtp_server


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
    assert {c.id for c in all_comments(app)} == {mine[0], mine[2], own_reply, theirs}
    client.post(path, data={"action": "withdraw-all"})
    assert {c.id for c in all_comments(app)} == {theirs}  # no published comment of hers had others' answers
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


def _erased_with_answers(reader_mail):
    """Ans's published comment with Bert's answer and her own under it, endorsed by two readers, withdrawn from
    her data page."""
    app, client, inbox, _ = reader_mail
    mine = post(client, author="Ans", email=READER, category="anders", body="Mijn aanpak").get_json()["id"]
    moderate(app, Status.APPROVED, mine)
    assert [endorse(client, mine, key).status_code for key in (KEY, OTHER_KEY)] == [201, 201]
    theirs = post(client, author="Bert", email=OTHER, parent_id=mine, category=None, body="Goed idee").get_json()["id"]
    own = post(client, author="Ans", email=READER, parent_id=mine, category=None, body="Dank je").get_json()["id"]
    moderate(app, Status.APPROVED, theirs, own)
    client.post("/api/mijn-gegevens", data={"email": READER})
    settle(app)
    page = client.post(link_in(to(inbox, READER)[0]), data={"action": "withdraw", "id": str(mine)}).get_data(as_text=True)
    return app, client, page, (mine, theirs, own)


def test_a_withdrawn_comment_keeps_the_answers_of_others(reader_mail):
    app, client, page, (mine, theirs, own) = _erased_with_answers(reader_mail)
    assert "1 reactie verwijderd" in page and "Dank je" in page  # her own answer is still hers to withdraw
    listed = client.get(COMMENTS_URL).get_json()
    assert [(c["id"], c["withdrawn"], c["author"], c["body_html"], c["category"]) for c in listed] == [(mine, True, "", "", None)]
    assert [(r["id"], r["author"]) for r in listed[0]["replies"]] == [(theirs, "Bert"), (own, "Ans")]
    assert client.get(f"/api/threads/{THREAD}/poll").get_json()["total"] == 0  # her vote went with her text
    with app.app_context():
        row = db.session.get(Comment, mine)
        assert (row.author, row.email, row.body, row.original_body, row.client_hash) == ("", None, "", None, None)
        trail = " ".join(f"{e.before} {e.after}" for e in db.session.scalars(db.select(AuditEntry).where(AuditEntry.comment_id == mine)))
        assert "Ans" not in trail and "Mijn aanpak" not in trail and READER not in trail
    refused = post(client, author="Cor", parent_id=mine, category=None, body="Nog een antwoord")
    assert refused.status_code == 400 and "parent_id" in refused.get_json()["error"]["fields"]
    assert listed[0]["endorsements"] == 0  # nothing is left to stand behind
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Endorsement)) == 0
    assert [endorse(client, mine, key).status_code for key in (KEY, "N" * 40)] == [404, 404]
    assert "Mijn aanpak" not in client.get(f"/api/threads/{THREAD}/comments.atom").get_data(as_text=True)


def test_a_comment_whose_only_answers_still_wait_goes_with_them(reader_mail):
    """Answers nobody has seen keep nothing in place: the comment and its pending and rejected answers go."""
    app, client, inbox, _ = reader_mail
    mine = post(client, author="Ans", email=READER, body="Mijn aanpak").get_json()["id"]
    moderate(app, Status.APPROVED, mine)
    post(client, author="Bert", email=OTHER, parent_id=mine, category=None, body="Wacht nog")
    refused = post(client, author="Cor", parent_id=mine, category=None, body="Afgewezen").get_json()["id"]
    moderate(app, Status.REJECTED, refused)
    client.post("/api/mijn-gegevens", data={"email": READER})
    settle(app)
    page = client.post(link_in(to(inbox, READER)[0]), data={"action": "withdraw", "id": str(mine)}).get_data(as_text=True)
    assert "1 reactie verwijderd" in page
    assert all_comments(app) == []
    assert client.get(COMMENTS_URL).get_json() == []


def test_the_data_page_shows_the_original_text_and_the_approach_and_asks_before_withdrawing_all(reader_mail):
    app, client, inbox, _ = reader_mail
    mine = post(client, author="Ans", email=READER, category="coachen", body="Zoals ik het schreef").get_json()["id"]
    with app.app_context():
        row = db.session.get(Comment, mine)
        moderation.edit_text(row, "Zoals de redactie het bewerkte", "auteur", datetime.now(timezone.utc))
        db.session.commit()
    client.post("/api/mijn-gegevens", data={"email": READER})
    settle(app)
    path = link_in(to(inbox, READER)[0])
    text = html_text(client.get(path).get_data(as_text=True))
    assert "aanpak: Coachen" in text and "Zoals ik het schreef" in text and "Zoals de redactie het bewerkte" in text
    asked = html_text(client.post(path, data={"action": "ask-withdraw-all"}).get_data(as_text=True))
    assert "Weet je het zeker? Dit trekt 1 reactie voorgoed in." in asked and "Ja, alles intrekken" in asked
    assert stored_count(app) == 1  # asking withdraws nothing
    done = html_text(client.post(path, data={"action": "withdraw-all"}).get_data(as_text=True))
    assert "1 reactie verwijderd" in done and "We bewaren daarbij" not in done
    assert "zijn geen reacties opgeslagen. Je naam, je adres en je tekst staan ook niet meer in ons logboek." in done
    assert stored_count(app) == 0
