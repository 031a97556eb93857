"""The list in pages: keyset cursors in a Link header, each comment exactly once while comments are approved
between fetches, sort and option filters, a deep link's page, refusals in Dutch, and a cache per page."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone

import pytest

from comments_service.domain.models import Status
from tests.support.comments import COMMENTS_URL, approved, every_page, moderate, next_link, post, store_approved

START = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
CATEGORIES = ["voorbeeld", "coachen", "afspraken"]


def _stored(app, count: int, same_time: bool = False, first_minute: int = 0) -> list[int]:
    return store_approved(app, count, CATEGORIES, same_time, first_minute)


def _ids(comments: list[dict]) -> list[int]:
    return [comment["id"] for comment in comments]


def test_pages_hold_at_most_the_limit_and_link_to_the_next(client):
    ids = _stored(client.application, 120)
    first = client.get(COMMENTS_URL)
    assert first.status_code == 200 and _ids(first.get_json()) == ids[:50]
    assert first.headers["X-Total-Count"] == "120"
    assert "body" not in first.get_json()[0]  # the Markdown source is not sent to visitors
    second = client.get(next_link(first))
    assert _ids(second.get_json()) == ids[50:100]
    third = client.get(next_link(second))
    assert _ids(third.get_json()) == ids[100:] and next_link(third) is None
    small = client.get(f"{COMMENTS_URL}?limit=100")
    assert len(small.get_json()) == 100 and "limit=100" in next_link(small)


@pytest.mark.parametrize("sort", ["oldest", "newest", "endorsed"])
def test_a_last_page_that_is_exactly_full_links_to_nothing(client, sort):
    """A page holding exactly the limit, with nothing after it, has no next link (an empty page would follow)."""
    ids = _stored(client.application, 8)
    full = client.get(f"{COMMENTS_URL}?sort={sort}&limit=8")
    assert len(full.get_json()) == 8 and next_link(full) is None and full.headers["X-Total-Count"] == "8"
    first = client.get(f"{COMMENTS_URL}?sort={sort}&limit=4")
    last = client.get(next_link(first))
    assert len(last.get_json()) == 4 and next_link(last) is None
    assert sorted(_ids(first.get_json()) + _ids(last.get_json())) == ids


@pytest.mark.parametrize("sort", ["oldest", "newest"])
def test_every_comment_once_while_others_are_approved_between_pages(client, sort):
    app = client.application
    ids = _stored(app, 30, same_time=True) + _stored(app, 20, first_minute=5)  # ties on time: the id decides
    waiting = post(client, author="Wacht").get_json()["id"]  # pending while the walk starts
    seen, url = [], f"{COMMENTS_URL}?sort={sort}&limit=7"
    while url:
        response = client.get(url)
        seen += _ids(response.get_json())
        approved(client, author="Nieuw")  # a new comment is published between every two pages
        if len(seen) == 14:
            moderate(app, Status.APPROVED, waiting)
        url = next_link(response)
    assert len(seen) == len(set(seen))
    assert set(ids) <= set(seen)
    expected = sorted(ids) if sort == "oldest" else sorted(ids, reverse=True)
    assert [comment_id for comment_id in seen if comment_id in set(ids)] == expected


def test_newest_first_and_one_option(client):
    ids = _stored(client.application, 40)
    newest = client.get(f"{COMMENTS_URL}?sort=newest&limit=10")
    assert _ids(newest.get_json()) == ids[::-1][:10]
    coachen = every_page(client, f"{COMMENTS_URL}?category=coachen&limit=4")
    assert _ids(coachen) == ids[1::3] and {c["category"]["id"] for c in coachen} == {"coachen"}
    first = client.get(f"{COMMENTS_URL}?category=coachen&sort=newest&limit=4")
    assert first.headers["X-Total-Count"] == str(len(ids[1::3]))
    assert "category=coachen" in next_link(first) and "sort=newest" in next_link(first)


def test_replies_come_with_their_comment_on_its_page(client):
    ids = _stored(client.application, 12)
    reply = approved(client, author="Antwoord", category=None, parent_id=ids[11])
    post(client, author="Wacht nog", category=None, parent_id=ids[11])  # pending: not shown
    pages = [client.get(f"{COMMENTS_URL}?limit=5"), ]
    pages.append(client.get(next_link(pages[0])))
    pages.append(client.get(next_link(pages[1])))
    last = pages[2].get_json()
    assert _ids(last) == ids[10:] and _ids(last[1]["replies"]) == [reply] and "body" not in last[1]["replies"][0]
    assert all(comment["replies"] == [] for page in pages[:2] for comment in page.get_json())


def test_a_deep_link_gets_the_page_that_opens_with_its_comment(client):
    ids = _stored(client.application, 60)
    assert _ids(client.get(f"{COMMENTS_URL}?at={ids[55]}&limit=3").get_json()) == ids[55:58]
    reply = approved(client, author="Antwoord", category=None, parent_id=ids[52])
    page = client.get(f"{COMMENTS_URL}?at={reply}")
    assert _ids(page.get_json()) == ids[52:] and next_link(page) is None
    assert _ids(client.get(f"{COMMENTS_URL}?at={ids[52]}&sort=newest&limit=2").get_json()) == [ids[52], ids[51]]
    pending = post(client).get_json()["id"]
    for missing in (pending, 2**31 - 1):
        answer = client.get(f"{COMMENTS_URL}?at={missing}")
        assert answer.status_code == 404 and answer.get_json()["error"]["code"] == "comment_not_found"


def _cursor(*parts) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode().rstrip("=")


@pytest.mark.parametrize(("query", "field"), [
    ("sort=random", "sort"), ("sort=", "sort"), ("category=bestaat-niet", "category"),
    ("limit=0", "limit"), ("limit=101", "limit"), ("limit=-1", "limit"), ("limit=1e2", "limit"), ("limit=%EF%BC%95", "limit"),
    ("cursor=", "cursor"), ("cursor=%%%", "cursor"), ("cursor=bm9n", "cursor"), ("cursor=" + "A" * 300, "cursor"),
    ("cursor=" + _cursor("oldest", None, "gisteren", 3), "cursor"), ("cursor=" + _cursor("oldest", None, -1, 3), "cursor"),
    ("cursor=" + _cursor("oldest", None, 10, 2**40), "cursor"), ("cursor=" + _cursor("oldest", None, 10), "cursor"),
    ("cursor=" + _cursor("newest", None, 10, 3), "cursor"), ("cursor=" + _cursor("oldest", "coachen", 10, 3), "cursor"),
    ("cursor=" + _cursor("oldest", None, 10 ** 30, 3), "cursor"), ("cursor=" + _cursor("oldest", None, True, 3), "cursor"),
    ("at=abc", "at"), ("at=0", "at"), ("at=99999999999", "at"), ("at=1&cursor=" + _cursor("oldest", None, 10, 3), "at"),
    ("limit=5&limit=6", "limit"), ("sort=oldest&sort=newest", "sort"), ("page=2", "page"), ("offset=50", "offset"),
])
def test_a_wrong_parameter_is_refused_in_dutch(client, query, field):
    _stored(client.application, 3)
    response = client.get(f"{COMMENTS_URL}?{query}")
    assert response.status_code == 400, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert error["code"] == "invalid_query" and error["message"].startswith("De vraag om reacties klopt niet")
    assert list(error["fields"]) == [field]


def test_each_page_has_its_own_etag_and_is_rebuilt_after_a_change(client):
    ids = _stored(client.application, 8)
    first = client.get(f"{COMMENTS_URL}?limit=3")
    second = client.get(next_link(first))
    assert first.headers["ETag"] != second.headers["ETag"]
    for response in (first, second):
        again = client.get(response.request.full_path.rstrip("?"), headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304 and again.headers["X-Total-Count"] == "8"
    moderate(client.application, Status.REJECTED, ids[4])
    changed = client.get(next_link(first), headers={"If-None-Match": second.headers["ETag"]})
    assert changed.status_code == 200 and ids[4] not in _ids(changed.get_json())
    assert changed.headers["X-Total-Count"] == "7"
