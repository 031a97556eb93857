"""The build hook: called after public changes, once for several within the interval and once more at
its end, at once for a removal; never for what is not public; a failing hook changes nothing for the
moderator."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest

from comments_service.domain.models import Status
from comments_service.infra.database import db
from comments_service.mail.links import sign_address
from comments_service.site.rebuild import RebuildState
from tests.support.admin import act, log_in, make_admin
from tests.support.background import settle
from tests.support.comments import COMMENTS_URL, moderate, post
from tests.support.hook import CALL, HOOK, START, fired, hook_timers
from tests.support.smtp import wait_for
from tests.support.stub_server import stub_server


def test_several_approvals_within_the_interval_call_the_hook_once_then_once_more(hooked):
    app, calls, now, _ = hooked
    client = app.test_client()
    ids = [post(client, body=f"Reactie {n}").get_json()["id"] for n in range(4)]
    fired(app, calls, 0)  # pending comments are not public
    moderate(app, Status.APPROVED, ids[0])
    fired(app, calls, 1)
    for minutes, comment_id in ((2, ids[1]), (5, ids[2]), (9, ids[3])):
        now[0] = START + timedelta(minutes=minutes)
        moderate(app, Status.APPROVED, comment_id)
        settle(app)  # the hook is tried at this minute, before the clock moves on
    fired(app, calls, 1)
    assert hook_timers(app) == [8 * 60, 5 * 60, 60]  # each set for the end of the interval after the first call
    assert app.test_cli_runner().invoke(args=["comments", "rebuild-site"]).output.strip() == "no rebuild due"
    now[0] = START + timedelta(minutes=10)
    assert app.test_cli_runner().invoke(args=["comments", "rebuild-site"]).output.strip() == "build hook fired"
    fired(app, calls, 2)
    assert calls == [CALL] * 2
    timers = len(hook_timers(app))
    for minutes in (10, 25):  # nothing pending any more: no call, now or after the interval, and no timer
        now[0] = START + timedelta(minutes=minutes)
        assert app.test_cli_runner().invoke(args=["comments", "rebuild-site"]).output.strip() == "no rebuild due"
    fired(app, calls, 2)
    assert len(hook_timers(app)) == timers


def test_a_removal_calls_the_hook_at_once(hooked):
    app, calls, now, _ = hooked
    first, second = (post(app.test_client()).get_json()["id"] for _ in range(2))
    moderate(app, Status.APPROVED, first, second)
    fired(app, calls, 1)
    now[0] = START + timedelta(minutes=1)
    moderate(app, Status.SPAM, first)
    fired(app, calls, 2)
    now[0] = START + timedelta(minutes=2)
    moderate(app, Status.APPROVED, post(app.test_client()).get_json()["id"])
    fired(app, calls, 2)  # after the urgent call, an approval waits for the interval again


def test_a_removal_the_hook_failed_on_stays_urgent_when_an_approval_follows(hooked):
    """The removal is not on the site until a build succeeds: an approval after the failure does not make it wait."""
    app, calls, now, status = hooked
    first, second, third = (post(app.test_client()).get_json()["id"] for _ in range(3))
    moderate(app, Status.APPROVED, first, second)
    fired(app, calls, 1)
    now[0] = START + timedelta(seconds=30)
    status[0] = 500
    moderate(app, Status.SPAM, first)
    fired(app, calls, 2)  # at once, and failed
    now[0] = START + timedelta(minutes=2)
    status[0] = 200
    moderate(app, Status.APPROVED, third)
    fired(app, calls, 3)  # still urgent: at once, not at the interval's end


@pytest.mark.parametrize("removal", ["admin-delete", "reader-erasure", "reader-withdraw-one"])
def test_a_deletion_or_erasure_calls_the_hook_at_once(hooked, removal):
    app, calls, now, _ = hooked
    client = app.test_client()
    first, second = (post(client, email="lezer@example.nl").get_json()["id"] for _ in range(2))
    moderate(app, Status.APPROVED, first, second)
    fired(app, calls, 1)
    now[0] = START + timedelta(minutes=1)  # inside the interval: only a removal fires at once
    if removal == "admin-delete":
        make_admin(app)
        admin = app.test_client()
        log_in(admin)
        assert act(admin, f"/admin/comments/{first}/delete").status_code == 303
    else:
        with app.app_context():
            token = sign_address("lezer@example.nl", "data")
        form = {"action": "withdraw-all"} if removal == "reader-erasure" else {"action": "withdraw", "id": str(first)}
        assert client.post(f"/api/mijn-gegevens/{token}", data=form).status_code == 200
    fired(app, calls, 2)


def test_a_failing_hook_changes_nothing_for_the_moderator_and_stays_pending(hooked, caplog):
    app, calls, now, status = hooked
    status[0] = 500
    make_admin(app)
    admin = app.test_client()
    log_in(admin)
    comment_id = post(app.test_client()).get_json()["id"]
    response = act(admin, f"/admin/comments/{comment_id}/approve")
    assert response.status_code == 303
    assert [c["id"] for c in app.test_client().get(COMMENTS_URL).get_json()] == [comment_id]
    fired(app, calls, 1)
    assert hook_timers(app) == [60]  # tried again in a minute
    assert "build hook failed (HTTPError); tried again in 60 s" in caplog.messages
    assert app.test_cli_runner().invoke(args=["comments", "rebuild-site"]).output.strip() == "build hook failed; tried again in 60 s"
    fired(app, calls, 2)
    status[0] = 200
    assert app.test_cli_runner().invoke(args=["comments", "rebuild-site"]).output.strip() == "build hook fired"
    fired(app, calls, 3)


def test_an_unreachable_hook_changes_nothing_either(make_app):
    app = make_app(BUILD_HOOK_URL="http://127.0.0.1:1/hook", BUILD_HOOK_TIMEOUT_SECONDS=2)
    comment_id = post(app.test_client()).get_json()["id"]
    moderate(app, Status.APPROVED, comment_id)
    settle(app)  # the hook was tried, and failed
    assert [c["id"] for c in app.test_client().get(COMMENTS_URL).get_json()] == [comment_id]
    with app.app_context():
        state = db.session.get(RebuildState, 1)
        assert state.pending_since is not None and state.urgent  # left for the next try
    assert hook_timers(app) == [60]


def test_the_end_of_the_interval_fires_by_itself(make_app):
    with stub_server() as (base, calls):
        app = make_app(BUILD_HOOK_URL=base + HOOK, BUILD_HOOK_INTERVAL_SECONDS=1)
        first, second = (post(app.test_client()).get_json()["id"] for _ in range(2))
        moderate(app, Status.APPROVED, first)
        fired(app, calls, 1)
        moderate(app, Status.APPROVED, second)  # within the second: left for the timer
        wait_for(lambda: len(calls) == 2)
        fired(app, calls, 2)


def test_without_a_hook_nothing_is_marked_or_fired(hooked, make_app):
    """A service without BUILD_HOOK_URL (on the same database) neither marks nor fires; a rebuild another
    instance marked stays pending for the one that has the hook."""
    app, calls, now, _ = hooked
    plain = make_app()
    moderate(plain, Status.APPROVED, post(plain.test_client()).get_json()["id"])
    assert plain.test_cli_runner().invoke(args=["comments", "rebuild-site"]).output.strip() == "no rebuild due"
    settle(plain)
    with plain.app_context():
        assert db.session.scalars(db.select(RebuildState)).all() == []
    moderate(app, Status.APPROVED, post(app.test_client()).get_json()["id"])
    fired(app, calls, 1)
    now[0] = START + timedelta(minutes=1)
    moderate(app, Status.APPROVED, post(app.test_client()).get_json()["id"])
    fired(app, calls, 1)
    assert plain.test_cli_runner().invoke(args=["comments", "rebuild-site"]).output.strip() == "no rebuild due"
    now[0] = START + timedelta(minutes=10)
    assert app.test_cli_runner().invoke(args=["comments", "rebuild-site"]).output.strip() == "build hook fired"
    assert calls == [CALL] * 2


def test_a_hook_that_never_answers_is_given_up_after_its_timeout(make_app):
    """A build hook that accepts the connection and then says nothing must not hold a thread for ever."""
    with socket.create_server(("127.0.0.1", 0)) as silent:
        app = make_app(BUILD_HOOK_URL=f"http://127.0.0.1:{silent.getsockname()[1]}/hook", BUILD_HOOK_TIMEOUT_SECONDS=1)
        moderate(app, Status.APPROVED, post(app.test_client()).get_json()["id"])
        settle(app)  # fails the test when the try is still waiting after 15 s
    with app.app_context():
        assert db.session.get(RebuildState, 1).urgent  # given up, left for the next try

