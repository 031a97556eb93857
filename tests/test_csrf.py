"""Every state-changing route refuses a request without its token and with a wrong one: 400, and nothing in
the database changes. Always with a comment that exists, so that a route without the check would act."""

from __future__ import annotations

import re

import pytest

from comments_service.domain import advice
from comments_service.domain.accounts import Admin
from comments_service.domain.advice import Advice
from comments_service.domain.audit import AuditEntry
from comments_service.domain.endorsements import counts as endorsement_counts
from comments_service.domain.models import Comment
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db
from comments_service.mail.links import sign, sign_address
from comments_service.mail.reader import MailAddress
from tests.support.admin import act, csrf_token, log_in, make_admin
from tests.support.comments import approved, post
from tests.support.endorse import KEY, endorse

ADMIN_ROUTES = [
    ("/admin/comments/{pending}/approve", {}),
    ("/admin/comments/{pending}/reject", {}),
    ("/admin/comments/{pending}/spam", {}),
    ("/admin/comments/{public}/category", {"category": "coachen"}),
    ("/admin/comments/{public}/edit", {"body": "Veranderd door een ander"}),
    ("/admin/comments/{public}/reply", {"body": "Antwoord van een ander"}),
    ("/admin/comments/{public}/delete", {}),
    ("/admin/comments/{public}/endorsements", {}),
    ("/admin/bulk", {"action": "spam", "ids": ["{pending}", "{public}"]}),
    ("/admin/ongedaan", {}),
    ("/admin/logout", {}),
    ("/admin/mail/{mail_link}", {}),
    ("/admin/threads/leiden-of-lijden/advies", {"action": "save", "body": "Anders.", "options": ["anders"]}),
    ("/admin/threads/leiden-of-lijden/advies", {"action": "publish", "body": "Anders.", "options": ["anders"]}),
    ("/admin/threads/leiden-of-lijden/advies", {"action": "schedule", "body": "Anders.", "options": ["anders"],
                                                "after": "3"}),
    ("/admin/threads/leiden-of-lijden/advies", {"action": "withdraw"}),
]
TOKENS = ["none", "garbage", "another-session"]


def _state(app) -> tuple:
    with app.app_context():
        comments = [(c.id, c.status, c.category, c.body, c.author, c.is_author, c.edited_at, endorsement_counts([c.id]))
                    for c in db.session.scalars(db.select(Comment).order_by(Comment.id))]
        audit = db.session.scalar(db.select(db.func.count()).select_from(AuditEntry))
        stamps = list(db.session.scalars(db.select(Admin.session_stamp)))
        addresses = [(a.address, a.confirmed_at, a.unsubscribed_at) for a in db.session.scalars(db.select(MailAddress))]
        advice = [(a.body, a.options, a.state, a.publish_at, a.publish_after) for a in db.session.scalars(db.select(Advice))]
        return comments, audit, stamps, addresses, advice


@pytest.fixture
def world(make_app):
    app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=1, NOTIFY_TO="auteur@example.nl")  # mail queued, never sent
    make_admin(app)
    reader = app.test_client()
    public = approved(reader, email="lezer@example.nl", notify_replies=True)
    pending = post(reader).get_json()["id"]
    assert endorse(reader, public, KEY).status_code == 201  # something for a reset to wipe
    with app.app_context():
        thread = app.extensions["threads"]["leiden-of-lijden"]
        advice.set_text(thread, ["coachen"], "Coach ze.", "test", utcnow())
        advice.schedule(thread, "test", utcnow(), after=5)  # scheduled: each advice action would change it
        db.session.commit()
        ids = {"public": public, "pending": pending, "mail_link": sign(db.session.get(Comment, pending), "approve"),
               "confirm": sign_address("lezer@example.nl", "confirm"), "data": sign_address("lezer@example.nl", "data"),
               "unsubscribe": sign_address("lezer@example.nl", "unsubscribe")}
    admin, other = app.test_client(), app.test_client()
    log_in(admin), log_in(other)
    assert act(admin, f"/admin/comments/{post(reader).get_json()['id']}/approve").status_code == 303  # one to undo
    return app, admin, other, ids


def _fill(value, ids):
    if isinstance(value, list):
        return [_fill(item, ids) for item in value]
    return value.format(**ids)


@pytest.mark.parametrize("token", TOKENS)
@pytest.mark.parametrize(("path", "data"), ADMIN_ROUTES, ids=[route for route, _ in ADMIN_ROUTES])
def test_an_admin_post_without_its_token_changes_nothing(world, path, data, token):
    app, admin, other, ids = world
    fields = {name: _fill(value, ids) for name, value in data.items()}
    if token == "garbage":
        fields["csrf_token"] = "IjAwMDAi.ZZZZZZ.0000000000000000000000000000"
    elif token == "another-session":
        fields["csrf_token"] = csrf_token(other, "/admin/")  # valid, but not this session's
    before = _state(app)
    response = admin.post(_fill(path, ids), data=fields)
    assert response.status_code == 400, (path, token, response.status_code)
    assert _state(app) == before
    assert admin.get("/admin/").status_code == 200  # still logged in: the logout did not happen either


@pytest.mark.parametrize(("path", "data"), ADMIN_ROUTES, ids=[route for route, _ in ADMIN_ROUTES])
def test_with_its_token_the_same_post_acts(world, path, data):
    """The control: each request above changes something once its token is right, so a 400 there is the check's."""
    app, admin, _, ids = world
    before = _state(app)
    admin.post(_fill(path, ids), data={name: _fill(value, ids) for name, value in data.items()} | {
        "csrf_token": csrf_token(admin, "/admin/")})
    assert _state(app) != before


def test_the_login_form_needs_its_token(world):
    app, _, _, _ = world
    client = app.test_client()
    response = client.post("/admin/login", data={"name": "auteur", "password": "een-lang-en-geheim-wachtwoord"})
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302  # not logged in


READER_ROUTES = [
    ("/api/mail/bevestigen/{token}", "confirm", {}),
    ("/api/mail/afmelden/{token}", "unsubscribe", {"List-Unsubscribe": "One-Click"}),
    ("/api/mijn-gegevens/{token}", "data", {"action": "withdraw-all"}),
    ("/api/mijn-gegevens/{token}", "data", {"action": "unsubscribe"}),
]


@pytest.mark.parametrize(("path", "purpose", "data"), READER_ROUTES)
@pytest.mark.parametrize("forgery", ["tampered", "other-purpose", "garbage"])
def test_a_reader_page_acts_only_with_its_own_signed_link(world, path, purpose, data, forgery):
    """The readers' pages are authorised by the signed token in their link (it is their CSRF token)."""
    app, _, _, ids = world
    token = ids[purpose]
    forged = {"tampered": token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb"),
              "other-purpose": ids["confirm" if purpose != "confirm" else "data"], "garbage": "x"}[forgery]
    before = _state(app)
    response = app.test_client().post(path.format(token=forged), data=data)
    assert response.status_code == 400 and re.search("ongeldig", response.get_data(as_text=True))
    assert _state(app) == before
