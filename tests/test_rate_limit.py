"""Posting is rate-limited per client, and a forged X-Forwarded-For does not escape the limit."""

from __future__ import annotations

import pytest

from tests.support.comments import COMMENTS_URL, VALID, stored_count


@pytest.fixture
def limited(make_app):
    def build(**config):
        return make_app(RATELIMIT_ENABLED=True, RATELIMIT_POST="5 per minute;30 per day", **config).test_client()
    return build


def post_as(client, forwarded: str | None = None, **kwargs):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return client.post(COMMENTS_URL, json=VALID, headers=headers, **kwargs)


def test_the_sixth_post_in_a_minute_gets_429(limited):
    client = limited()
    assert [post_as(client).status_code for _ in range(5)] == [201] * 5
    response = post_as(client)
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 61
    error = response.get_json()["error"]
    assert error["code"] == "rate_limited"
    assert error["message"].startswith("Je hebt even te veel reacties verstuurd. Probeer het over ")
    assert stored_count(client.application) == 5


@pytest.mark.parametrize("form", [False, True])
def test_refused_posts_do_not_count_only_taken_ones_do(limited, form):
    client = limited()
    send = (lambda **fields: client.post(COMMENTS_URL, data={**VALID, **fields})) if form else \
        (lambda **fields: client.post(COMMENTS_URL, json={**VALID, **fields}))
    refused = [send(author=""), send(body=""), send(category="bestaat-niet"), send(body="x" * 6000), send(author="\t"),
               send(email="geen-adres"), send(author="")]
    assert {response.status_code for response in refused} <= {400, 413} and len(refused) == 7
    taken = [send().status_code for _ in range(5)]
    assert taken == [303 if form else 201] * 5 and stored_count(client.application) == 5
    assert send().status_code == 429 and send(author="").status_code == 429  # the limit still holds for everything
    assert stored_count(client.application) == 5


def test_every_try_counts_against_the_looser_limit_on_attempts(limited):
    client = limited(RATELIMIT_POST_ATTEMPTS="8 per minute")
    assert [client.post(COMMENTS_URL, json={**VALID, "author": ""}).status_code for _ in range(8)] == [400] * 8
    assert post_as(client).status_code == 429 and stored_count(client.application) == 0


def test_a_forged_forwarded_for_does_not_escape_the_limit(limited):
    client = limited()
    statuses = [post_as(client, forwarded=f"198.51.100.{n}").status_code for n in range(6)]
    assert statuses == [201] * 5 + [429]


def test_behind_one_proxy_only_the_address_it_adds_counts(limited):
    client = limited(TRUSTED_PROXIES=1)
    statuses = [post_as(client, forwarded=f"198.51.100.{n}, 203.0.113.7").status_code for n in range(6)]
    assert statuses == [201] * 5 + [429]
    assert post_as(client, forwarded="203.0.113.8").status_code == 201


def test_other_clients_are_not_limited_by_one(limited):
    client = limited()
    for _ in range(6):
        post_as(client, environ_base={"REMOTE_ADDR": "192.0.2.1"})
    assert post_as(client, environ_base={"REMOTE_ADDR": "192.0.2.2"}).status_code == 201


def test_a_limited_form_post_gets_the_dutch_page(limited):
    client = limited()
    for _ in range(5):
        client.post(COMMENTS_URL, data=VALID)
    response = client.post(COMMENTS_URL, data={**VALID, "body": "Mijn tekst blijft staan"})
    assert response.status_code == 429 and response.headers["Retry-After"]
    page = response.get_data(as_text=True)
    assert "te veel reacties" in page and "Mijn tekst blijft staan" in page


def test_the_limit_can_be_switched_off(make_app):
    client = make_app(RATELIMIT_ENABLED=False).test_client()
    assert {post_as(client).status_code for _ in range(8)} == {201}


def test_an_unreachable_shared_store_falls_back_to_per_process_limits(limited):
    client = limited(RATELIMIT_STORAGE_URI="redis://127.0.0.1:1")
    assert [post_as(client).status_code for _ in range(6)] == [201] * 5 + [429]


@pytest.mark.parametrize("spellings", [
    ["2001:db8:1:2::1", "2001:DB8:1:2::1", "2001:0db8:0001:0002:0000:0000:0000:0001", "[2001:db8:1:2::1]",
     "2001:db8:1:2::1%eth0", "2001:db8:1:2:ffff:ffff:ffff:ffff"],  # one /64, written six ways
    ["192.0.2.9", "::ffff:192.0.2.9", "[::ffff:c000:209]", "192.000.002.009", "::FFFF:192.0.2.9", " 192.0.2.9"],
])
def test_one_client_written_many_ways_is_one_bucket(limited, spellings):
    client = limited(TRUSTED_PROXIES=1)
    statuses = [post_as(client, forwarded=spelling).status_code for spelling in spellings]
    assert statuses == [201] * 5 + [429]


def test_ipv6_is_counted_per_network_of_the_configured_prefix(limited):
    client = limited(TRUSTED_PROXIES=1)
    assert [post_as(client, forwarded=f"2001:db8:0:{n}::1").status_code for n in range(6)] == [201] * 6  # six /64s
    wide = limited(TRUSTED_PROXIES=1, CLIENT_IPV6_PREFIX=48)
    assert [post_as(wide, forwarded=f"2001:db8:1:{n}::1").status_code for n in range(6)] == [201] * 5 + [429]


@pytest.mark.parametrize("prefix", [0, 129, "veel"])
def test_an_impossible_ipv6_prefix_refuses_to_start(make_app, prefix):
    with pytest.raises(ValueError, match="COMMENTS_CLIENT_IPV6_PREFIX"):
        make_app(CLIENT_IPV6_PREFIX=prefix)
