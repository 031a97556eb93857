"""The author's view of endorsements: the count per comment and per option, a flag on a burst (more than 20 in one
minute on one comment), and a reset that is audited and public at once."""

from __future__ import annotations

from datetime import timedelta

from comments_service.domain.audit import AuditEntry
from comments_service.domain.models import Status
from comments_service.infra.database import db
from tests.support.admin import act, log_in, make_admin
from tests.support.comments import COMMENTS_URL, POLL_URL, approved, moderate
from tests.support.endorse import KEY, endorse, endorsements_of
from tests.support.hook import START, fired

FLAG = "meer dan 20 keer “lezers eens” binnen een minuut"


def readers(client, answer: int, count: int, now: list, step: timedelta) -> None:
    for number in range(count):
        assert endorse(client, answer, f"{'b' * 30}{answer}x{number}").status_code == 201
        now[0] += step


def card(page: str, comment_id: int) -> str:
    start = page.index(f'id="reactie-{comment_id}"')
    return page[start:page.index("</article>", start)]


def test_the_queue_and_the_dashboard_show_the_counts(clocked):
    app, client, now = clocked
    log_in(client)
    coach, example = approved(client, category="coachen"), approved(client)
    readers(client, coach, 3, now, timedelta(seconds=1))
    endorse(client, example, KEY)
    page = client.get("/admin/").get_data(as_text=True)
    assert "3 lezers eens" in card(page, coach) and "1 lezer eens" in card(page, example)
    dashboard = client.get("/admin/threads/leiden-of-lijden").get_data(as_text=True)
    assert "2 reacties met een aanpak · 4 lezers eens" in dashboard
    assert "<strong>1 (50%)</strong> · 3 lezers eens" in dashboard and "<strong>1 (50%)</strong> · 1 lezer eens" in dashboard


def test_more_than_20_in_one_minute_is_flagged(clocked):
    app, client, now = clocked
    log_in(client)
    burst, slow, twenty = approved(client), approved(client), approved(client)
    readers(client, burst, 21, now, timedelta(seconds=2))  # 21 within 40 seconds
    readers(client, slow, 30, now, timedelta(seconds=3))  # 30, but never more than 20 within a minute
    readers(client, twenty, 20, now, timedelta(milliseconds=10))  # exactly 20: not more
    page = client.get("/admin/").get_data(as_text=True)
    assert FLAG in card(page, burst)
    assert FLAG not in card(page, slow) and FLAG not in card(page, twenty)


def test_a_reset_wipes_the_count_audits_it_and_shows_at_once(clocked):
    app, client, now = clocked
    log_in(client)
    answer = approved(client, category="coachen")
    readers(client, answer, 21, now, timedelta(seconds=1))
    held = client.get(COMMENTS_URL).headers["ETag"]
    response = act(client, f"/admin/comments/{answer}/endorsements")
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "“Lezers eens” van #" in page and "(21 lezers)" in page
    assert FLAG not in card(page, answer) and "“lezers eens” gewist" in card(page, answer)
    assert client.get(COMMENTS_URL, headers={"If-None-Match": held}).status_code == 200
    assert endorsements_of(client, answer) == 0
    assert client.get(POLL_URL).get_json()["endorsements"] == 0
    with app.app_context():
        entry = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "reset_endorsements")).one()
        assert (entry.comment_id, entry.actor, entry.before, entry.after) == (answer, "auteur", '{"endorsements": 21}', '{"endorsements": 0}')
    assert endorse(client, answer, "b" * 30 + f"{answer}x0").status_code == 201  # the same readers may endorse again


def test_the_reset_button_shows_only_where_there_is_something_to_reset(clocked):
    app, client, now = clocked
    log_in(client)
    answer, quiet = approved(client), approved(client)
    endorse(client, answer, KEY)
    page = client.get("/admin/").get_data(as_text=True)
    assert "Wis “lezers eens” (1)" in card(page, answer) and "Wis “lezers eens”" not in card(page, quiet)
    assert act(client, f"/admin/comments/{quiet}/endorsements").status_code == 303  # nothing to reset: no trail entry
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.action == "reset_endorsements")) == 0


def test_a_reset_rebuilds_the_page_at_once_and_one_of_a_hidden_answer_changes_nothing_public(hooked):
    app, calls, now, _ = hooked
    client = app.test_client()
    make_admin(app)
    log_in(client)
    public, hidden = approved(client), approved(client)
    endorse(client, public, KEY)
    endorse(client, hidden, KEY)
    fired(app, calls, 1)
    now[0] = START + timedelta(minutes=1)
    moderate(app, Status.REJECTED, hidden)  # a removal: the page at once
    fired(app, calls, 2)
    now[0] = START + timedelta(minutes=2)  # inside the interval: only a removal fires now
    held = client.get(COMMENTS_URL).headers["ETag"]
    assert act(client, f"/admin/comments/{hidden}/endorsements").status_code == 303
    fired(app, calls, 2)
    assert client.get(COMMENTS_URL, headers={"If-None-Match": held}).status_code == 304
    assert act(client, f"/admin/comments/{public}/endorsements").status_code == 303
    fired(app, calls, 3)
