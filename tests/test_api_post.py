"""Posting: JSON and the no-JavaScript form, replies, the honeypot, a closed poll, withdrawing."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from comments_service.domain.models import Status
from tests.support.comments import (
    COMMENTS_URL,
    THREAD,
    VALID,
    approved,
    moderate,
    post,
    stored,
    stored_count,
)
from tests.support.docs import closed_poll_docs
from tests.support.html_parse import Parsed

POST_PATH = "/blog/leiden-of-lijden/"


def test_a_json_post_is_stored_pending_and_returned_with_a_token(client):
    response = post(client, author="  Jeroen  ", body="  *Samen* bellen.  ", email="Jeroen@Example.NL")
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "pending"
    assert body["author"] == "Jeroen" and body["body"] == "*Samen* bellen."
    assert body["body_html"] == "<p><em>Samen</em> bellen.</p>"
    assert body["token"] and body["withdraw_until"].endswith("Z")
    assert "email" not in body
    assert (body["is_author"], body["withdrawn"], body["edited_at"], body["parent_id"], body["endorsements"]) == (
        False, False, None, None, 0)  # a reader's comment, as the list will show it
    comment = stored(client.application, body["id"])
    assert comment.status == Status.PENDING and comment.email == "Jeroen@example.nl" and comment.is_author is False
    assert comment.client_hash and "127.0.0.1" not in comment.client_hash
    assert comment.withdraw_token_hash != body["token"]
    assert comment.created_at.tzinfo is not None


def test_a_form_post_redirects_back_to_the_post(client):
    response = client.post(COMMENTS_URL, data={**VALID, "website": ""})
    assert response.status_code == 303
    assert response.headers["Location"] == POST_PATH + "#reactie-ontvangen"
    assert stored_count(client.application) == 1


@pytest.mark.parametrize("return_to", [
    "//evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example/", "http:evil.example",
    "javascript:alert(1)", "JavaScript:alert(1)", "%2F%2Fevil.example", "/%2F/evil.example", "/%5Cevil.example",
    "%252F%252Fevil.example", "/%252F%252Fevil.example", "/\t/evil.example", " //evil.example", "///evil.example",
    "data:text/html,x", "evil.example", "", "/%0d%0aSet-Cookie:x=1",
])
def test_a_foreign_return_to_still_lands_on_the_post(client, return_to):
    response = client.post(COMMENTS_URL, data={**VALID, "return_to": return_to})
    assert (response.status_code, response.headers["Location"]) == (303, POST_PATH + "#reactie-ontvangen")


def test_a_same_site_return_to_is_honoured(client):
    response = client.post(COMMENTS_URL, data={**VALID, "return_to": "/blog/leiden-of-lijden/?x=1#oud"})
    assert response.headers["Location"] == "/blog/leiden-of-lijden/?x=1#reactie-ontvangen"


def test_an_invalid_form_post_gets_a_dutch_page_with_the_refilled_form(client):
    response = client.post(COMMENTS_URL, data={"author": "Sanne", "body": "", "category": "coachen"})
    assert response.status_code == 400 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert '<html lang="nl">' in page and "Schrijf je reactie." in page
    fields = Parsed(page).elements
    assert ("input", "author", "Sanne") in {(tag, attrs.get("name"), attrs.get("value")) for tag, attrs in fields}
    assert [attrs["value"] for _, attrs in fields if attrs.get("name") == "category" and "checked" in attrs] == ["coachen"]
    assert f'action="/api/threads/{THREAD}/comments"' in page
    assert stored_count(client.application) == 0


def test_the_refilled_form_escapes_what_was_typed(client):
    response = client.post(COMMENTS_URL, data={"author": '"><script>alert(1)</script>', "body": "</textarea><b>x"})
    page = response.get_data(as_text=True)
    assert "<script>alert(1)" not in page and "</textarea><b>" not in page
    assert "&lt;/textarea&gt;&lt;b&gt;x" in page


def test_the_honeypot_looks_accepted_but_is_stored_as_spam(client):
    response = post(client, website="https://spam.example")
    assert response.status_code == 201 and response.get_json()["status"] == "pending"
    assert stored(client.application, response.get_json()["id"]).status == Status.SPAM


def test_a_reply_goes_under_an_approved_top_level_comment(client):
    parent = approved(client)
    response = post(client, category=None, parent_id=parent, body="Eens!")
    assert response.status_code == 201
    assert response.get_json()["parent_id"] == parent and response.get_json()["category"] is None


def test_a_reply_by_form_without_a_category(client):
    parent = approved(client)
    response = client.post(COMMENTS_URL, data={"author": "Kees", "body": "Ja", "parent_id": str(parent)})
    assert response.status_code == 303


@pytest.mark.parametrize("case", ["pending", "reply", "missing", "other-thread"])
def test_a_reply_needs_an_approved_top_level_parent(client, case):
    if case == "pending":
        parent = post(client).get_json()["id"]
    elif case == "reply":
        parent = approved(client, category=None, parent_id=approved(client))
    else:
        parent = 999999
    response = post(client, category=None, parent_id=parent)
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"] == {
        "parent_id": "Je kunt alleen antwoorden op een gepubliceerde reactie onder deze blog.",
    }


def test_a_closed_poll_takes_no_new_answers_but_replies(tmp_path, make_app):
    client = make_app(DOCS_DIR=str(closed_poll_docs(tmp_path))).test_client()
    response = client.post("/api/threads/dicht/comments", json={"author": "A", "body": "B", "category": "ja"})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "poll_closed"
    assert "gesloten" in response.get_json()["error"]["message"]
    assert client.get("/api/threads/dicht/poll").get_json()["closed"] is True


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_a_reader_withdraws_a_pending_comment_with_its_token(client, scheme):
    """The scheme's name is case-insensitive (RFC 9110, 11.1)."""
    created = post(client).get_json()
    response = client.delete(f"/api/comments/{created['id']}", headers={"Authorization": f"{scheme} {created['token']}"})
    assert response.status_code == 204
    assert stored_count(client.application) == 0


@pytest.mark.parametrize("case", ["wrong-token", "others-token", "approved", "rejected", "expired",
                                  "hidden-id", "missing-id", "withdrawn-id"])
def test_withdrawing_is_refused_with_one_answer_whatever_the_id_holds(make_app, case):
    """No oracle: a missing id, someone else's pending comment and a hidden one answer alike."""
    now = [datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)]
    app = make_app(CLOCK=lambda: now[0])
    client = app.test_client()
    created, other = post(client).get_json(), post(client).get_json()
    target, token = created["id"], created["token"]
    if case == "wrong-token":
        token = token[:-2] + "xx"
    elif case == "others-token":
        token = other["token"]
    elif case in {"approved", "rejected"}:
        moderate(app, Status(case), target)
    elif case == "expired":
        now[0] += timedelta(minutes=15, seconds=1)
    elif case == "hidden-id":
        target = other["id"]  # pending, not ours
    elif case == "missing-id":
        target = other["id"] + 1000
    else:
        client.delete(f"/api/comments/{other['id']}", headers={"Authorization": f"Bearer {other['token']}"})
        target, token = other["id"], other["token"]
    response = client.delete(f"/api/comments/{target}", headers={"Authorization": f"Bearer {token}"})
    assert (response.status_code, response.get_json()) == (403, {"error": {
        "code": "withdraw_not_allowed", "message": "Deze reactie kan niet (meer) worden ingetrokken.", "fields": {}}})
    assert stored(app, created["id"]) is not None


def test_a_bots_honeypot_post_is_withdrawn_like_any_other(client):
    created = post(client, website="https://spam.example").get_json()
    assert created["status"] == "pending"  # the bot is told what a reader is told
    response = client.delete(f"/api/comments/{created['id']}", headers={"Authorization": f"Bearer {created['token']}"})
    assert response.status_code == 204
    assert stored_count(client.application) == 0


def test_withdrawing_just_inside_the_window_works(make_app):
    now = [datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)]
    client = make_app(CLOCK=lambda: now[0]).test_client()
    created = post(client).get_json()
    now[0] += timedelta(minutes=15)
    response = client.delete(f"/api/comments/{created['id']}", headers={"Authorization": f"Bearer {created['token']}"})
    assert response.status_code == 204


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer "}])
def test_withdrawing_needs_a_bearer_token(client, headers):
    created = post(client).get_json()
    response = client.delete(f"/api/comments/{created['id']}", headers=headers)
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "token_required"
