"""The widget's endorsement writes are answered in front of Flask (web/api/endorsement_writes.py), with the same
answers, headers and rate-limit buckets as the Flask route; everything else still goes to Flask."""

from __future__ import annotations

import pytest

from comments_service.domain.endorsements import NOT_ENDORSABLE
from tests.support.comments import approved, post
from tests.support.endorse import KEY, OTHER, endorse, take_back

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def counted(make_app):
    """An app that counts the requests Flask itself handles: (client, calls)."""
    def build(**config):
        app = make_app(**config)
        calls = []
        app.before_request(lambda: calls.append(1))
        return app.test_client(), calls
    return build


def test_a_json_endorsement_never_reaches_flask(counted):
    client, calls = counted()
    answer = approved(client)
    calls.clear()
    given = endorse(client, answer, KEY)
    again = endorse(client, answer, KEY)
    gone = take_back(client, answer, KEY)
    assert (given.status_code, again.status_code, gone.status_code, calls) == (201, 200, 204, [])
    assert given.headers["Content-Type"] == "application/json" and given.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in given.headers["Content-Security-Policy"] and gone.data == b""
    hidden = post(client).get_json()["id"]
    calls.clear()
    refused = endorse(client, hidden, KEY)
    assert refused.status_code == 404 and calls == []
    assert refused.get_json() == {"error": {"code": "not_endorsable", "message": NOT_ENDORSABLE, "fields": {}}}


@pytest.mark.parametrize("request_kwargs", [
    {"data": "", "content_type": FORM},  # the no-JavaScript form
    {"json": {"reader": "kort"}},  # a malformed key: Flask's 400
    {"data": "{", "content_type": "application/json"},  # unreadable JSON
    {"data": '{"reader": "' + "a" * 30 + '"}', "content_type": "text/plain"},  # not JSON: Flask's 415
])
def test_everything_else_goes_on_to_flask(counted, request_kwargs):
    client, calls = counted()
    answer = approved(client)
    calls.clear()
    response = client.post(f"/api/comments/{answer}/endorsements", **request_kwargs)
    assert calls == [1] and response.status_code in (303, 400, 415)


def test_the_front_and_flask_count_in_the_same_bucket(counted):
    client, calls = counted(RATELIMIT_ENABLED=True, RATELIMIT_ENDORSE="4 per minute")
    answer = approved(client)
    assert endorse(client, answer, KEY).status_code == 201  # in front of Flask
    assert client.post(f"/api/comments/{answer}/endorsements", data="", content_type=FORM).status_code == 303  # Flask
    assert take_back(client, answer, KEY).status_code == 204
    assert client.post(f"/api/comments/{answer}/endorsements", data="remove=1", content_type=FORM).status_code == 303
    calls.clear()
    over = endorse(client, answer, OTHER)
    assert over.status_code == 429 and calls == [1]  # over the limit: Flask answers, in Dutch, with Retry-After
    assert "Dit zou ik ook doen" in over.get_json()["error"]["message"] and over.headers["Retry-After"]
