"""Cached answers stay right across workers (a per-thread version), and a retried post is stored once."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from comments_service.domain.models import Status
from tests.support.comments import (
    COMMENTS_URL,
    POLL_URL,
    VALID,
    moderate,
    post,
    stored_count,
)


def test_an_approval_in_one_worker_shows_at_once_in_another(make_app):
    worker_a, worker_b = make_app(), make_app()
    reader = worker_a.test_client()
    first = reader.get(POLL_URL)
    assert first.get_json()["total"] == 0
    comment_id = post(worker_b.test_client()).get_json()["id"]
    assert reader.get(POLL_URL, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304  # pending: nothing public
    moderate(worker_b, Status.APPROVED, comment_id)
    after = reader.get(POLL_URL, headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200 and after.get_json()["total"] == 1
    assert [c["id"] for c in reader.get(COMMENTS_URL).get_json()] == [comment_id]
    moderate(worker_b, Status.REJECTED, comment_id)
    assert reader.get(COMMENTS_URL).get_json() == [] and reader.get(POLL_URL).get_json()["total"] == 0


@pytest.mark.parametrize("url", [COMMENTS_URL, POLL_URL])
def test_a_cached_answer_is_the_one_flask_built(client, app, url):
    moderate(app, Status.APPROVED, post(client).get_json()["id"])
    built = client.get(url)  # the version moved: Flask builds it
    cached = client.get(url)  # served in front of Flask
    assert (cached.status_code, cached.data) == (200, built.data)
    assert sorted(cached.headers.items()) == sorted(built.headers.items())
    assert cached.headers["Content-Security-Policy"] and cached.headers["X-Frame-Options"] == "DENY"
    head = client.head(url)
    assert head.data == b"" and head.headers["Content-Length"] == str(len(built.data))
    etag = built.headers["ETag"]
    for held in (etag, f"W/{etag}", "*", f'"other", {etag}'):
        unchanged = client.get(url, headers={"If-None-Match": held})
        assert unchanged.status_code == 304 and unchanged.data == b"", held
        assert unchanged.headers["ETag"] == etag and "Content-Type" not in unchanged.headers
    assert client.get(url, headers={"If-None-Match": '"other"'}).data == built.data


def test_a_retry_with_the_same_key_returns_the_stored_comment(client):
    headers = {"Idempotency-Key": "6f1c2a9e-retry"}
    first = client.post(COMMENTS_URL, json=VALID, headers=headers)
    again = client.post(COMMENTS_URL, json=VALID, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.get_json()["id"] == again.get_json()["id"] and stored_count(client.application) == 1
    assert first.get_json()["withdraw_until"] == again.get_json()["withdraw_until"]
    stale = client.delete(f"/api/comments/{first.get_json()['id']}", headers={"Authorization": f"Bearer {first.get_json()['token']}"})
    assert stale.status_code == 403  # the retry's token replaced it
    fresh = client.delete(f"/api/comments/{again.get_json()['id']}", headers={"Authorization": f"Bearer {again.get_json()['token']}"})
    assert fresh.status_code == 204


@pytest.mark.parametrize("changed", [{"body": "Iets anders."}, {"author": "Kees"}, {"category": "zelf"},
                                     {"email": "petra@example.nl"}, {"extra": 1}])
def test_the_same_key_with_another_request_is_a_422(client, changed):
    headers = {"Idempotency-Key": "hergebruikt"}
    first = client.post(COMMENTS_URL, json=VALID, headers=headers)
    other = client.post(COMMENTS_URL, json={**VALID, **changed}, headers=headers)
    assert (first.status_code, other.status_code) == (201, 422)
    assert other.get_json()["error"] == {"code": "idempotency_key_reused", "fields": {}, "message":
                                         "Deze Idempotency-Key hoort bij een andere reactie. Stuur bij een nieuwe reactie een nieuwe sleutel mee."}
    assert stored_count(client.application) == 1
    assert client.post(COMMENTS_URL, json=dict(reversed(list(VALID.items()))), headers=headers).status_code == 201  # same fields


def test_a_key_is_forgotten_after_24_hours(make_app):
    now = [datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)]
    client = make_app(CLOCK=lambda: now[0]).test_client()
    headers = {"Idempotency-Key": "een-dag"}
    first = client.post(COMMENTS_URL, json=VALID, headers=headers).get_json()["id"]
    now[0] += timedelta(hours=24)
    assert client.post(COMMENTS_URL, json=VALID, headers=headers).get_json()["id"] == first  # still a retry
    now[0] += timedelta(seconds=1)
    later = client.post(COMMENTS_URL, json={**VALID, "body": "Een nieuwe dag."}, headers=headers)
    assert later.status_code == 201 and later.get_json()["id"] != first  # a new post, not a 422 or the old one
    assert stored_count(client.application) == 2


def test_a_form_retry_is_stored_once(client):
    headers = {"Idempotency-Key": "form-1"}
    statuses = [client.post(COMMENTS_URL, data=VALID, headers=headers).status_code for _ in range(2)]
    assert statuses == [303, 303] and stored_count(client.application) == 1


def test_keys_belong_to_one_client(client):
    headers = {"Idempotency-Key": "gedeeld"}
    client.post(COMMENTS_URL, json=VALID, headers=headers, environ_base={"REMOTE_ADDR": "192.0.2.1"})
    client.post(COMMENTS_URL, json=VALID, headers=headers, environ_base={"REMOTE_ADDR": "192.0.2.2"})
    assert stored_count(client.application) == 2


@pytest.mark.parametrize("key", ["", "x" * 101, "met spatie", "é"])
def test_an_unusable_key_is_a_dutch_400(client, key):
    response = client.post(COMMENTS_URL, json=VALID, headers={"Idempotency-Key": key})
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"] == {"Idempotency-Key": "Deze sleutel moet 1 tot 100 zichtbare ASCII-tekens zijn."}
    assert stored_count(client.application) == 0
