"""Every change the public can see makes every cached answer new, in every worker (two apps on one
database, each with its own cache, and two real gunicorn workers); a pending post leaves them as they are."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from comments_service.infra.database import db
from comments_service.mail.links import sign_address
from tests.support.admin import act, log_in, make_admin
from tests.support.comments import COMMENTS_URL, POLL_URL, THREAD, approved, post
from tests.support.endorse import KEY, endorse
from tests.support.server import gunicorn

FEED_URL = f"/api/threads/{THREAD}/comments.atom"
PAGES = (f"{COMMENTS_URL}?limit=20", f"{COMMENTS_URL}?sort=newest&category=voorbeeld&limit=20")  # as the widget asks
URLS = (COMMENTS_URL, *PAGES, POLL_URL, FEED_URL)
REQUESTS = 24  # on new connections: with two workers, the chance that one of them answers none is 2**-23


def _reply(app, admin, ids, tmp_path):
    act(admin, f"/admin/comments/{ids['public']}/reply", body="Dank je wel.")


def _edit(app, admin, ids, tmp_path):
    act(admin, f"/admin/comments/{ids['public']}/edit", body="Een nieuwe tekst.")


def _recategorise(app, admin, ids, tmp_path):
    act(admin, f"/admin/comments/{ids['public']}/category", category="coachen")


def _delete(app, admin, ids, tmp_path):
    act(admin, f"/admin/comments/{ids['public']}/delete")


def _erase(app, admin, ids, tmp_path):
    with app.app_context():
        token = sign_address("lezer@example.nl", "data")
    assert app.test_client().post(f"/api/mijn-gegevens/{token}", data={"action": "withdraw-all"}).status_code == 200


def _reset_endorsements(app, admin, ids, tmp_path):
    assert act(admin, f"/admin/comments/{ids['public']}/endorsements").status_code == 303


def _import(app, admin, ids, tmp_path):
    export = tmp_path / "export.json"
    assert app.test_cli_runner().invoke(args=["export", str(export)]).exit_code == 0
    data = json.loads(export.read_text(encoding="utf-8"))
    row = next(row for row in data["comments"] if row["id"] == ids["public"])
    data["comments"] = [{**row, "id": ids["public"] + 1000, "author": "Hersteld", "category": "coachen"}]
    data["audit"] = []
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(data), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", str(backup)])
    assert result.exit_code == 0 and "added 1 comment(s)" in result.output, result.output


CHANGES = {"reply": (_reply, (COMMENTS_URL, *PAGES, FEED_URL)), "edit": (_edit, (COMMENTS_URL, *PAGES, FEED_URL)),
           "recategorise": (_recategorise, URLS), "delete": (_delete, URLS), "erase": (_erase, URLS),
           "import": (_import, (COMMENTS_URL, PAGES[0], POLL_URL, FEED_URL)),  # the import adds a coachen answer
           "reset endorsements": (_reset_endorsements, (COMMENTS_URL, *PAGES, POLL_URL))}


@pytest.fixture
def two_workers(make_app):
    worker_a, worker_b = make_app(), make_app()
    make_admin(worker_b)
    admin = worker_b.test_client()
    log_in(admin)
    ids = {"public": approved(worker_a.test_client(), email="lezer@example.nl", category="voorbeeld")}
    assert endorse(worker_a.test_client(), ids["public"], KEY).status_code == 201
    return worker_a, worker_b, admin, ids


def _held(client) -> dict[str, tuple[str, bytes]]:
    answers = {url: client.get(url) for url in URLS}
    assert all(answer.status_code == 200 for answer in answers.values())
    cached = {url: client.get(url, headers={"If-None-Match": answer.headers["ETag"]}) for url, answer in answers.items()}
    assert all(answer.status_code == 304 for answer in cached.values())  # warm: served from the cache
    return {url: (answer.headers["ETag"], answer.data) for url, answer in answers.items()}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_public_change_in_one_worker_is_new_at_once_in_the_other(two_workers, tmp_path, change):
    reader_app, admin_app, admin, ids = two_workers
    reader = reader_app.test_client()
    held = _held(reader)
    make, changed_urls = CHANGES[change]
    make(admin_app, admin, ids, tmp_path)
    for url in changed_urls:
        etag, body = held[url]
        after = reader.get(url, headers={"If-None-Match": etag})
        assert after.status_code == 200 and after.headers["ETag"] != etag and after.data != body, (change, url)
        assert after.data == admin_app.test_client().get(url).data  # the same answer in both workers


def test_a_pending_post_leaves_every_cached_answer_as_it_was(two_workers, make_app):
    reader_app, admin_app, _, _ = two_workers
    reader = reader_app.test_client()
    held = _held(reader)
    assert post(admin_app.test_client(), body="Wacht nog").status_code == 201
    for url, (etag, body) in held.items():
        assert reader.get(url, headers={"If-None-Match": etag}).status_code == 304  # warm cache
        cold = make_app().test_client().get(url)  # a worker that never answered before
        assert (cold.status_code, cold.headers["ETag"], cold.data) == (200, etag, body), url
        warm_304 = reader.get(url, headers={"If-None-Match": etag})
        cold_304 = make_app().test_client().get(url, headers={"If-None-Match": etag})
        assert (cold_304.status_code, cold_304.data) == (304, b"") and cold_304.headers == warm_304.headers, url
    with admin_app.app_context():
        assert db.session.execute(db.text("SELECT count(*) FROM comments")).scalar() == 2


def _fresh_get(url: str, etag: str | None = None) -> tuple[int, str]:
    """GET on a new connection (so that the requests spread over the workers): status and ETag."""
    request = urllib.request.Request(url, headers={"If-None-Match": etag} if etag else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers["ETag"]
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers["ETag"]


def test_under_gunicorn_every_worker_answers_a_change_at_once(app, database_url, tmp_path):
    """Two gunicorn workers, each with its own cache, both warmed; a change made elsewhere on the database
    is a new 200 in every one of many later requests, a pending post a 304 in every one."""
    make_admin(app)
    admin = app.test_client()
    log_in(admin)
    ids = {"public": approved(app.test_client(), email="lezer@example.nl", category="voorbeeld")}
    with gunicorn(database_url, tmp_path / "gunicorn.log", COMMENTS_RATELIMIT_ENABLED="false") as base:
        for change in ("pending", "edit", "recategorise", "reply", "delete"):
            etag = _fresh_get(base + COMMENTS_URL)[1]
            assert {_fresh_get(base + COMMENTS_URL, etag) for _ in range(REQUESTS)} == {(304, etag)}  # all warm
            if change == "pending":
                assert post(app.test_client(), body="Wacht nog").status_code == 201
                assert {_fresh_get(base + COMMENTS_URL, etag) for _ in range(REQUESTS)} == {(304, etag)}, change
            else:
                CHANGES[change][0](app, admin, ids, tmp_path)
                answers = {_fresh_get(base + COMMENTS_URL, etag) for _ in range(REQUESTS)}
                assert len(answers) == 1 and next(iter(answers))[0] == 200 and etag not in next(iter(answers)), change
