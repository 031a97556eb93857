"""What one machine can add: endorsements are limited per client (giving and taking back together), a forged
X-Forwarded-For does not escape the limit, IPv6 counts per /64; and the cached reads follow endorsements at most once
every ENDORSEMENT_LAG_SECONDS, while a public change shows at once."""

from __future__ import annotations

import pytest

from comments_service.web.api import read_cache
from tests.support.comments import COMMENTS_URL, POLL_URL, approved
from tests.support.endorse import endorse, take_back

LIMIT = "4 per minute"
FORM = "application/x-www-form-urlencoded"  # as a browser posts the button's form, which has no fields


@pytest.fixture
def limited(make_app):
    def build(**config):
        return make_app(RATELIMIT_ENABLED=True, RATELIMIT_ENDORSE=LIMIT, **config).test_client()
    return build


def keys(count: int) -> list[str]:
    return [f"{'r' * 30}{number:02d}" for number in range(count)]


def test_the_fifth_click_in_a_minute_gets_a_dutch_429(limited):
    client = limited()
    answer = approved(client)
    statuses = [endorse(client, answer, key).status_code for key in keys(5)]
    assert statuses == [201] * 4 + [429]
    refused = endorse(client, answer, keys(6)[5])
    error = refused.get_json()["error"]
    assert error["code"] == "rate_limited" and "Dit zou ik ook doen" in error["message"] and refused.headers["Retry-After"]


def test_taking_back_counts_against_the_same_limit(limited):
    client = limited()
    answer = approved(client)
    key = keys(1)[0]
    statuses = [(endorse if turn % 2 == 0 else take_back)(client, answer, key).status_code for turn in range(5)]
    assert statuses == [201, 204, 201, 204, 429]


@pytest.mark.parametrize("forwarded", [
    lambda n: f"198.51.100.{n}",  # no proxy trusted: the header is the client's own word
    lambda n: f"2001:db8::{n}",
])
def test_a_forged_forwarded_for_does_not_escape_the_limit(limited, forwarded):
    client = limited()
    answer = approved(client)
    statuses = [endorse(client, answer, key, headers={"X-Forwarded-For": forwarded(n)}).status_code
                for n, key in enumerate(keys(5))]
    assert statuses == [201] * 4 + [429]


def test_behind_one_proxy_only_the_address_it_adds_counts(limited):
    client = limited(TRUSTED_PROXIES=1)
    answer = approved(client)
    statuses = [endorse(client, answer, key, headers={"X-Forwarded-For": f"198.51.100.{n}, 203.0.113.7"}).status_code
                for n, key in enumerate(keys(5))]
    assert statuses == [201] * 4 + [429]
    assert endorse(client, answer, "q" * 30, headers={"X-Forwarded-For": "203.0.113.8"}).status_code == 201


def test_ipv6_clients_count_per_64(limited):
    client = limited(TRUSTED_PROXIES=1)
    answer = approved(client)
    same = [endorse(client, answer, key, headers={"X-Forwarded-For": f"2001:db8:5:6::{n + 1:x}"}).status_code
            for n, key in enumerate(keys(5))]
    assert same == [201] * 4 + [429]
    assert endorse(client, answer, "q" * 30, headers={"X-Forwarded-For": "2001:db8:5:7::1"}).status_code == 201


def test_a_limited_form_post_gets_a_dutch_page_with_the_way_back(limited):
    client = limited()
    answer = approved(client)
    for _ in range(4):
        client.post(f"/api/comments/{answer}/endorsements", data="", content_type=FORM)
        client.set_cookie("lezer", "", expires=0, path="/api/")  # a new browser each time: the limit is per client
    refused = client.post(f"/api/comments/{answer}/endorsements", data="", content_type=FORM)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429 and refused.mimetype == "text/html"
    assert "Dit zou ik ook doen" in page and 'href="/blog/leiden-of-lijden/"' in page


class Clock:
    def __init__(self):
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(read_cache, "time", fake)
    return fake


def test_cached_reads_follow_endorsements_at_most_once_a_second(make_app, clock):
    app = make_app(ENDORSEMENT_LAG_SECONDS=1)
    client = app.test_client()
    answer = approved(client)
    held = {url: client.get(url).headers["ETag"] for url in (COMMENTS_URL, POLL_URL)}
    for key in keys(3):
        endorse(client, answer, key)
        clock.now += 0.3
        for url, etag in held.items():  # within the second: the answer held is served, not built again
            assert client.get(url, headers={"If-None-Match": etag}).status_code == 304, url
    clock.now += 0.2  # a second after the answers were built: the next read builds them with every endorsement
    for url, etag in held.items():
        fresh = client.get(url, headers={"If-None-Match": etag})
        assert fresh.status_code == 200 and fresh.headers["ETag"] != etag, url
    assert client.get(COMMENTS_URL).get_json()[0]["endorsements"] == 3
    assert client.get(POLL_URL).get_json()["endorsements"] == 3
    etag = client.get(COMMENTS_URL).headers["ETag"]
    endorse(client, answer, "w" * 30)
    approved(client, author="Nieuw")  # a public change shows at once, endorsements and all
    after = client.get(COMMENTS_URL, headers={"If-None-Match": etag})
    assert after.status_code == 200 and [c["endorsements"] for c in after.get_json()] == [4, 0]


def test_a_quiet_thread_shows_the_last_endorsement_after_the_lag(make_app, clock):
    app = make_app(ENDORSEMENT_LAG_SECONDS=1)
    client = app.test_client()
    answer = approved(client)
    client.get(COMMENTS_URL)
    endorse(client, answer, "v" * 30)
    assert client.get(COMMENTS_URL).get_json()[0]["endorsements"] == 0
    clock.now += 1
    assert client.get(COMMENTS_URL).get_json()[0]["endorsements"] == 1  # never left behind


def test_a_taken_back_endorsement_and_one_given_again_under_the_same_id_show_after_the_lag(make_app, clock):
    app = make_app(ENDORSEMENT_LAG_SECONDS=1)
    client = app.test_client()
    answer = approved(client)
    shown = []
    steps = ((endorse, "u" * 30), (endorse, "v" * 30), (take_back, "u" * 30),  # not the newest row: the counter tells
             (take_back, "v" * 30), (endorse, "v" * 30))  # the last may get the id the second had (SQLite reuses it)
    for act, key in steps:
        act(client, answer, key)
        clock.now += 1
        shown.append(client.get(COMMENTS_URL).get_json()[0]["endorsements"])
    assert shown == [1, 2, 1, 0, 1]
