"""Reading a thread: the approved conversation, nested and in order, and the poll tally."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from alembic.script import ScriptDirectory

from comments_service.domain.models import Comment, Status
from comments_service.infra.database import db
from comments_service.settings.config import PACKAGE_ROOT
from tests.support.comments import (
    COMMENTS_URL,
    POLL_URL,
    THREAD,
    approved,
    moderate,
    post,
)

PUBLIC_FIELDS = {"id", "author", "body_html", "category", "created_at", "edited_at", "is_author", "withdrawn", "endorsements",
                 "replies"}


def test_health_reports_the_database_after_a_round_trip(client, database_url):
    response = client.get("/api/health")
    head = ScriptDirectory(str(PACKAGE_ROOT / "migrations")).get_current_head()
    backend = database_url.split(":", 1)[0]
    assert (response.status_code, response.get_json()) == (200, {"status": "ok", "database": {"backend": backend, "schema": head}})


def test_an_empty_thread(client):
    assert client.get(COMMENTS_URL).get_json() == []
    poll = client.get(POLL_URL).get_json()
    assert poll["total"] == 0
    assert [option["percent"] for option in poll["options"]] == [0] * 6


def test_approved_comments_come_oldest_first_with_replies_nested(client):
    first = approved(client, author="Eerste", email="eerste@example.nl")
    second = approved(client, author="Tweede", category="coachen")
    reply = approved(client, author="Antwoord", category=None, parent_id=first)
    comments = client.get(COMMENTS_URL).get_json()
    assert [comment["id"] for comment in comments] == [first, second]
    assert set(comments[0]) == PUBLIC_FIELDS
    assert comments[0]["category"] == {"id": "voorbeeld", "label": "Zelf het goede voorbeeld geven: samen aan de telefoon",
                                       "short": "Zelf het voorbeeld geven"}
    assert [r["id"] for r in comments[0]["replies"]] == [reply]
    assert comments[0]["replies"][0]["category"] is None
    assert comments[1]["replies"] == []
    assert comments[0]["created_at"].endswith("Z") and comments[0]["edited_at"] is None
    assert "eerste@example.nl" not in client.get(COMMENTS_URL).get_data(as_text=True)


def test_the_poll_lists_options_in_front_matter_order(client):
    approved(client, category="coachen")
    poll = client.get(POLL_URL).get_json()
    assert poll["question"] == "Hoe zou jij dat als leidinggevende aanpakken?"
    assert [option["id"] for option in poll["options"]] == [
        "voorbeeld", "coachen", "afspraken", "klein-beginnen", "anders-organiseren", "anders",
    ]
    assert poll["options"][1] == {
        "id": "coachen", "label": "Coachen: uitzoeken wat er achter de smoesjes zit", "short": "Coachen", "count": 1,
        "percent": 100, "endorsements": 0,
    }
    assert poll["total"] == 1 and poll["endorsements"] == 0


@pytest.mark.parametrize("status", [Status.PENDING, Status.REJECTED, Status.SPAM])
def test_unapproved_comments_are_neither_listed_nor_counted(client, status):
    comment_id = post(client, author="Verborgen").get_json()["id"]
    moderate(client.application, status, comment_id)
    assert client.get(COMMENTS_URL).get_json() == []
    assert client.get(POLL_URL).get_json()["total"] == 0


def test_approving_moves_the_tally_by_exactly_one(client):
    approved(client, category="afspraken")
    before = client.get(POLL_URL).get_json()
    comment_id = post(client, category="afspraken").get_json()["id"]
    assert client.get(POLL_URL).get_json() == before
    moderate(client.application, Status.APPROVED, comment_id)
    after = client.get(POLL_URL).get_json()
    assert after["total"] == before["total"] + 1
    assert after["options"][2]["count"] == before["options"][2]["count"] + 1


def test_replies_carry_no_vote(client):
    parent = approved(client, category="anders")
    approved(client, category=None, parent_id=parent)
    assert client.get(POLL_URL).get_json()["total"] == 1


def test_rejecting_an_approved_comment_takes_it_out_again(client):
    comment_id = approved(client)
    moderate(client.application, Status.REJECTED, comment_id)
    assert client.get(COMMENTS_URL).get_json() == []
    assert client.get(POLL_URL).get_json()["total"] == 0


@pytest.mark.parametrize("url", [COMMENTS_URL, POLL_URL, "/api/openapi.json"])
def test_reads_carry_an_etag_and_answer_304(client, url):
    first = client.get(url)
    assert first.headers["ETag"] and first.headers["Cache-Control"] == "no-cache"
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_the_etag_changes_when_the_conversation_does(client):
    etag = client.get(POLL_URL).headers["ETag"]
    approved(client)
    response = client.get(POLL_URL, headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag


@pytest.mark.parametrize("url", ["/api/threads/bestaat-niet/comments", "/api/threads/bestaat-niet/poll"])
def test_an_unknown_thread_is_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.get_json()["error"] == {
        "code": "thread_not_found", "message": "Deze blog bestaat niet of heeft geen reacties.", "fields": {},
    }


def test_thread_id_is_the_post_slug(app):
    assert list(app.extensions["threads"]) == [THREAD]


@pytest.mark.parametrize("url", [COMMENTS_URL, POLL_URL, "/api/health", "/api/bestaat-niet"])
def test_service_responses_carry_security_headers(client, url):
    headers = client.get(url).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_the_list_is_ordered_by_time_then_id_and_holds_only_this_thread(app):
    """Oldest first by when they were written, ties by id (ids are not in time order after a restore); another
    thread's approved answers are not in this list."""
    with app.app_context():
        for comment_id, minute, thread in ((30, 5, THREAD), (10, 9, THREAD), (20, 5, THREAD), (40, 1, "ander-bericht")):
            db.session.add(Comment(id=comment_id, thread=thread, author="A", body="B", body_html="<p>B</p>",
                                   category="coachen", status=Status.APPROVED,
                                   created_at=datetime(2026, 11, 27, 9, minute, tzinfo=timezone.utc),
                                   updated_at=datetime(2026, 11, 27, 9, minute, tzinfo=timezone.utc)))
        db.session.commit()
    assert [c["id"] for c in app.test_client().get(COMMENTS_URL).get_json()] == [20, 30, 10]
