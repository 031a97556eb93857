"""Readers standing behind published answers ("Dit zou ik ook doen"): once per reader key, taken back, only on
public answers, counted in the list and the poll while the answer is public, in the list's order, and stored as a
keyed hash that goes after 30 days."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy

from comments_service.domain.endorsements import Endorsement
from comments_service.domain.models import Status
from comments_service.infra.database import db
from tests.support.comments import COMMENTS_URL, POLL_URL, approved, moderate, post, store_raw
from tests.support.docs import closed_poll_docs
from tests.support.endorse import KEY, OTHER, endorse, endorsements_of, take_back


def test_one_key_endorses_an_answer_once(client):
    answer = approved(client)
    first, again = endorse(client, answer, KEY), endorse(client, answer, KEY)
    assert (first.status_code, first.get_json()) == (201, {"id": answer, "endorsements": 1, "endorsed": True})
    assert (again.status_code, again.get_json()["endorsements"]) == (200, 1)
    assert endorse(client, answer, OTHER).get_json()["endorsements"] == 2
    assert endorsements_of(client, answer) == 2


def test_an_endorsement_is_taken_back_and_given_again(client):
    answer = approved(client)
    endorse(client, answer, KEY), endorse(client, answer, OTHER)
    assert take_back(client, answer, KEY).status_code == 204
    assert endorsements_of(client, answer) == 1
    assert take_back(client, answer, KEY).status_code == 204  # nothing left to take back: no change
    assert take_back(client, answer, "N" * 40).status_code == 204  # a key that never endorsed it
    assert endorsements_of(client, answer) == 1
    assert endorse(client, answer, KEY).status_code == 201
    assert endorsements_of(client, answer) == 2


@pytest.mark.parametrize("status", [Status.PENDING, Status.REJECTED, Status.SPAM])
def test_only_a_public_answer_can_be_endorsed(client, status):
    hidden = post(client).get_json()["id"]
    moderate(client.application, status, hidden)
    for response in (endorse(client, hidden, KEY), take_back(client, hidden, KEY)):
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "not_endorsable"
        assert "gepubliceerd" in response.get_json()["error"]["message"]


def test_replies_withdrawn_answers_and_unknown_ids_cannot_be_endorsed(client):
    answer = approved(client)
    reply = approved(client, category=None, parent_id=answer)
    for comment_id in (reply, 999_999, 0):
        assert endorse(client, comment_id, KEY).status_code == 404
    assert client.post(f"/api/comments/{2**31}/endorsements", json={"reader": KEY}).status_code == 404
    assert client.delete(f"/api/comments/{2**31}/endorsements", json={"reader": KEY}).status_code == 404


def test_counts_go_with_the_answers_status_and_come_back(client):
    answer = approved(client, category="coachen")
    endorse(client, answer, KEY), endorse(client, answer, OTHER)
    moderate(client.application, Status.REJECTED, answer)
    assert client.get(COMMENTS_URL).get_json() == []
    poll = client.get(POLL_URL).get_json()
    assert poll["endorsements"] == 0 and {option["endorsements"] for option in poll["options"]} == {0}
    assert endorse(client, answer, "Z" * 30).status_code == 404
    moderate(client.application, Status.APPROVED, answer)
    assert endorsements_of(client, answer) == 2
    assert client.get(POLL_URL).get_json()["endorsements"] == 2
    assert endorse(client, answer, KEY).status_code == 200  # the key's endorsement came back with it


def test_the_poll_sums_each_options_answers_beside_the_count(client):
    coach, coach_too, example = approved(client, category="coachen"), approved(client, category="coachen"), approved(client)
    reply = approved(client, category=None, parent_id=coach)
    for answer, keys in ((coach, 3), (coach_too, 2), (example, 1)):
        for number in range(keys):
            assert endorse(client, answer, f"{'k' * 30}{number}").status_code == 201
    assert endorse(client, reply, KEY).status_code == 404
    elsewhere = store_raw(client.application, "coachen", 1, thread="een-ander-bericht")[0]
    with client.application.app_context():  # another post's answer: its endorsements are not this poll's
        db.session.add(Endorsement(comment_id=elsewhere, reader_hash="x" * 64, created_at=datetime.now(timezone.utc)))
        db.session.commit()
    poll = client.get(POLL_URL).get_json()
    by_id = {option["id"]: option for option in poll["options"]}
    assert (by_id["coachen"]["count"], by_id["coachen"]["endorsements"]) == (2, 5)
    assert (by_id["voorbeeld"]["count"], by_id["voorbeeld"]["endorsements"]) == (1, 1)
    assert by_id["afspraken"]["endorsements"] == 0
    assert (poll["total"], poll["endorsements"]) == (3, 6)
    assert [option["percent"] for option in poll["options"][:2]] == [33, 67]  # the percentages are answers only
    listed = {comment["id"]: comment for comment in client.get(COMMENTS_URL).get_json()}
    assert listed[coach]["replies"][0]["endorsements"] == 0


@pytest.mark.parametrize("body", [
    {}, {"reader": None}, {"reader": 12345678901234567890123}, {"reader": ["a" * 30]}, {"reader": ""},
    {"reader": "a" * 21}, {"reader": "a" * 65}, {"reader": "a" * 29 + "é"}, {"reader": "a" * 29 + "+"},
    {"reader": "a" * 29 + "/"}, {"reader": "a" * 29 + "="}, {"reader": " " + "a" * 30}, {"reader": "a" * 30 + "\n"},
    {"reader": "a" * 29 + "\u0660"}, {"reader": True}, {"key": "a" * 30}, [], "a" * 30, 7,
])
def test_a_malformed_key_is_refused_in_dutch_and_changes_nothing(client, body):
    answer = approved(client)
    for method in (client.post, client.delete):
        response = method(f"/api/comments/{answer}/endorsements", json=body)
        assert response.status_code == 400, body
        error = response.get_json()["error"]
        assert error["code"] == "invalid_reader" and "lezerssleutel" in error["fields"]["reader"]
    assert endorsements_of(client, answer) == 0


def test_a_body_that_is_not_json_is_refused(client):
    answer = approved(client)
    broken = client.post(f"/api/comments/{answer}/endorsements", data="{", content_type="application/json")
    assert broken.status_code == 400 and broken.get_json()["error"]["code"] == "invalid_json"
    null = client.post(f"/api/comments/{answer}/endorsements", data="null", content_type="application/json")
    assert null.status_code == 400 and null.get_json()["error"]["code"] == "invalid_reader"
    assert client.post(f"/api/comments/{answer}/endorsements", data=KEY, content_type="text/plain").status_code == 415
    assert client.delete(f"/api/comments/{answer}/endorsements").status_code == 415


def test_only_a_keyed_hash_of_the_key_is_stored(client):
    answer = approved(client)
    endorse(client, answer, KEY)
    with client.application.app_context():
        rows = db.session.execute(sqlalchemy.text("SELECT * FROM endorsements")).all()
    assert len(rows) == 1 and KEY not in repr(rows)
    row = rows[0]._mapping
    assert len(row["reader_hash"]) == 32 and row["comment_id"] == answer


def test_the_list_orders_by_most_endorsed_across_pages(client):
    ids = [approved(client, author=f"Lezer {number}") for number in range(5)]
    for answer, keys in zip(ids, (1, 3, 0, 3, 2)):
        for number in range(keys):
            endorse(client, answer, f"{'k' * 30}{number}")
    first = client.get(f"{COMMENTS_URL}?sort=endorsed&limit=2")
    page = [comment["id"] for comment in first.get_json()]
    assert page == [ids[1], ids[3]]  # equal counts: the older first
    following = first.headers["Link"].split(">")[0].removeprefix("<")
    second = client.get(following)
    assert [comment["id"] for comment in second.get_json()] == [ids[4], ids[0]]
    third = client.get(second.headers["Link"].split(">")[0].removeprefix("<"))
    assert [comment["id"] for comment in third.get_json()] == [ids[2]] and "Link" not in third.headers
    assert [c["id"] for c in client.get(f"{COMMENTS_URL}?sort=endorsed&at={ids[4]}").get_json()] == [ids[4], ids[0], ids[2]]
    newest_cursor = following.split("cursor=")[1].split("&")[0]
    refused = client.get(f"{COMMENTS_URL}?sort=newest&cursor={newest_cursor}")
    assert refused.status_code == 400 and "andere volgorde" in refused.get_json()["error"]["fields"]["cursor"]


@pytest.mark.parametrize("cursor", [
    '["endorsed",null,1,1]', '["endorsed",null,1,1,-1]', '["endorsed",null,1,1,"3"]', '["endorsed",null,1,1,3,4]',
    '["oldest",null,1,1,3]', '["endorsed",null,1,1,1e3]', '["endorsed",null,1,1,true]',
])
def test_a_forged_endorsed_cursor_is_refused(client, cursor):
    encoded = base64.urlsafe_b64encode(cursor.encode()).decode().rstrip("=")
    sort = "endorsed" if cursor.startswith('["endorsed"') else "oldest"
    response = client.get(f"{COMMENTS_URL}?sort={sort}&cursor={encoded}")
    assert response.status_code == 400 and "cursor" in response.get_json()["error"]["fields"]


def test_reader_hashes_are_purged_with_the_client_hashes(clocked):
    app, client, now = clocked
    answer = approved(client)
    endorse(client, answer, KEY)
    now[0] += timedelta(days=20)
    endorse(client, answer, OTHER)
    now[0] += timedelta(days=11)
    result = app.test_cli_runner().invoke(args=["comments", "purge-client-hashes"])
    assert "reader keys forgotten on 1 endorsement(s)" in result.output, result.output
    with app.app_context():
        hashes = sorted(db.session.scalars(sqlalchemy.select(Endorsement.reader_hash)), key=lambda value: value is None)
    assert hashes[0] is not None and hashes[1] is None
    assert endorsements_of(client, answer) == 2  # a purged endorsement still counts


def test_a_closed_polls_answers_take_no_endorsements(tmp_path, make_app):
    app = make_app(DOCS_DIR=str(closed_poll_docs(tmp_path)))
    client = app.test_client()
    [answer] = store_raw(app, "ja", 1, thread="dicht")
    for response in (endorse(client, answer, KEY), take_back(client, answer, KEY)):
        assert response.status_code == 403, response.get_data(as_text=True)
        assert response.get_json()["error"]["code"] == "poll_closed" and "gesloten" in response.get_json()["error"]["message"]
    form = client.post(f"/api/comments/{answer}/endorsements", data="", content_type="application/x-www-form-urlencoded")
    assert form.status_code == 403 and "gesloten" in form.get_data(as_text=True)
    page = client.get("/api/threads/dicht/reacties").get_data(as_text=True)
    assert f'id="reactie-{answer}"' in page and "Dit zou ik ook doen" not in page
    assert client.get("/api/threads/dicht/comments").get_json()[0]["endorsements"] == 0
