"""Readers who asked are told when the advice is published: the form's box (off by default), the same double opt-in
as the reply notices, one mail per confirmed and subscribed address (not one per comment), with the unsubscribe link
and List-Unsubscribe; a withdrawn schedule mails nobody. Real SMTP."""

from __future__ import annotations

from datetime import datetime, timezone

from comments_service.domain import advice
from comments_service.domain.models import Comment, Status
from comments_service.infra.database import db
from comments_service.mail.links import sign_address
from comments_service.mail.reader import key
from tests.support.background import settle
from tests.support.comments import moderate, post
from tests.support.reader_mail import link_in, to

ANS, BERT, COR, DIRK = "ans@example.nl", "bert@example.nl", "cor@example.nl", "dirk@example.nl"


def confirmed(client, inbox, app, address: str, **fields) -> None:
    """Post with the given opt-ins and confirm the address through the link in its confirmation mail."""
    post(client, author=address.split("@")[0].title(), email=address, **fields)
    settle(app)
    client.post(link_in(next(m for m in to(inbox, address) if m["Subject"] == "Bevestig je e-mailadres")))
    settle(app)


def publish(app, **schedule) -> None:
    with app.app_context():
        thread, now = app.extensions["threads"]["leiden-of-lijden"], datetime.now(timezone.utc)
        advice.set_text(thread, ["coachen", "afspraken"], "Vraag eerst **wat er speelt**.", "test", now)
        advice.schedule(thread, "test", now, **schedule)
        db.session.commit()
    settle(app)


def advice_mails(inbox) -> list:
    return [m for m in inbox if m["Subject"] == "Ons advies bij “Leiden of lijden” staat online"]


def test_one_mail_per_confirmed_address_that_asked(reader_mail):
    app, client, inbox, _ = reader_mail
    confirmed(client, inbox, app, ANS, notify_advice=True)
    post(client, author="Ans", email=ANS.upper(), notify_advice=True, body="Nog een.")  # the same address again
    post(client, author="Bert", email=BERT, notify_advice=True)  # never confirmed
    confirmed(client, inbox, app, COR, notify_replies=True)  # confirmed, but did not ask for the advice
    confirmed(client, inbox, app, DIRK, notify_advice=True, notify_replies=True)
    publish(app)
    mails = advice_mails(inbox)
    assert sorted(m["To"] for m in mails) == [ANS, DIRK]
    mails.sort(key=lambda m: m["To"])
    text = mails[0].get_body(("plain",)).get_content()
    assert text.startswith("Hallo Ans,\r\n") and "Vraag eerst **wat er speelt**." in text
    assert "Wij raden aan: Coachen, Duidelijke afspraken." in text
    assert "naast wat andere lezers kozen: http://127.0.0.1:8000/blog/leiden-of-lijden/#ons-advies\r\n" in text
    assert mails[0]["List-Unsubscribe"].startswith("<http") and mails[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert to(inbox, BERT)[0]["Subject"] == "Bevestig je e-mailadres" and len(to(inbox, BERT)) == 1


def test_an_unsubscribed_address_and_a_withdrawn_schedule_get_nothing(reader_mail):
    app, client, inbox, _ = reader_mail
    confirmed(client, inbox, app, ANS, notify_advice=True)
    with app.app_context():
        unsubscribe = f"/api/mail/afmelden/{sign_address(key(ANS), 'unsubscribe')}"
    assert client.post(unsubscribe, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    confirmed(client, inbox, app, COR, notify_advice=True)
    publish(app, after=5)
    with app.app_context():
        advice.withdraw(app.extensions["threads"]["leiden-of-lijden"], "test", datetime.now(timezone.utc))
        db.session.commit()
    settle(app)
    assert advice_mails(inbox) == []  # never published: nobody mailed
    with app.app_context():
        advice.schedule(app.extensions["threads"]["leiden-of-lijden"], "test", datetime.now(timezone.utc))
        db.session.commit()
    settle(app)
    assert [m["To"] for m in advice_mails(inbox)] == [COR]  # Ans unsubscribed


def test_confirming_after_the_publication_brings_the_advice(reader_mail):
    app, client, inbox, _ = reader_mail
    post(client, author="Ans", email=ANS, notify_advice=True)
    settle(app)
    publish(app)
    assert advice_mails(inbox) == []  # not yet confirmed
    client.post(link_in(to(inbox, ANS)[0]))
    settle(app)
    assert [m["To"] for m in advice_mails(inbox)] == [ANS]


def test_the_box_needs_an_address_and_is_off_by_default(reader_mail):
    app, client, inbox, _ = reader_mail
    refused = post(client, notify_advice=True)
    assert refused.status_code == 400
    assert refused.get_json()["error"]["fields"] == {"notify_advice": "Vul je e-mailadres in: daar sturen we het bericht heen."}
    assert post(client, email=ANS).get_json()["id"]
    settle(app)  # the mail would go after the commit: wait for that work before looking
    assert to(inbox, ANS) == []  # no box, no mail at all


def test_only_this_posts_askers_are_mailed_never_for_spam_nor_without_an_address(reader_mail):
    app, client, inbox, _ = reader_mail
    confirmed(client, inbox, app, ANS, notify_advice=True)
    confirmed(client, inbox, app, BERT, notify_advice=True)
    confirmed(client, inbox, app, COR, notify_replies=True)  # asked for the advice only under another post
    now = datetime.now(timezone.utc)
    with app.app_context():
        bert = db.session.scalar(db.select(Comment.id).where(Comment.email == BERT))
        db.session.add_all([Comment(thread=thread, author="X", body="B", body_html="<p>B</p>", category="coachen",
                                    status=Status.APPROVED, notify_advice=True, email=email, created_at=now, updated_at=now)
                            for thread, email in [("een-ander-bericht", COR), ("leiden-of-lijden", None)]])
        db.session.commit()
    moderate(app, Status.SPAM, bert)
    publish(app)
    assert [m["To"] for m in advice_mails(inbox)] == [ANS]
