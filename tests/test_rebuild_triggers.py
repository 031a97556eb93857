"""What else calls the build hook: the advice's publication (a draft does not), and the author's reply and a new
approach, which remove nothing and so wait for the interval like an approval."""

from __future__ import annotations

from datetime import timedelta

from comments_service.domain import advice
from comments_service.domain.models import Status
from comments_service.infra.database import db
from comments_service.site.rebuild import RebuildState
from tests.support.admin import act, log_in, make_admin
from tests.support.comments import moderate, post
from tests.support.hook import CALL, START, fired


def test_publishing_the_advice_calls_the_hook_and_a_draft_does_not(hooked):
    app, calls, now, _ = hooked
    with app.app_context():
        thread = app.extensions["threads"]["leiden-of-lijden"]
        advice.set_text(thread, ["coachen"], "Eerst vragen.", "test", now[0])
        db.session.commit()
    fired(app, calls, 0)  # a draft is not public
    with app.app_context():
        advice.schedule(thread, "test", now[0])
        db.session.commit()
    fired(app, calls, 1)
    assert calls == [CALL]


def test_withdrawing_a_published_advice_calls_the_hook_at_once_and_one_only_scheduled_waits(hooked):
    """The advice going offline removes something public, like a rejection: the hook is called within the interval.
    An advice that was only scheduled takes nothing away: its withdrawal waits for the interval."""
    app, calls, now, _ = hooked
    with app.app_context():
        thread = app.extensions["threads"]["leiden-of-lijden"]
        advice.set_text(thread, ["coachen"], "Eerst vragen.", "test", now[0])
        advice.schedule(thread, "test", now[0])
        db.session.commit()
    fired(app, calls, 1)
    now[0] = START + timedelta(minutes=1)
    with app.app_context():
        advice.withdraw(thread, "test", now[0])
        db.session.commit()
    fired(app, calls, 2)
    now[0] = START + timedelta(minutes=2)
    with app.app_context():
        advice.schedule(thread, "test", now[0], at=now[0] + timedelta(days=1))
        db.session.commit()
    now[0] = START + timedelta(minutes=3)
    with app.app_context():
        advice.withdraw(thread, "test", now[0])
        db.session.commit()
    fired(app, calls, 2)


def test_an_author_reply_or_a_new_approach_waits_for_the_interval_like_an_approval(hooked):
    """Nothing public goes away, so neither calls the hook at once; the rebuild is marked at the clock's time."""
    app, calls, now, _ = hooked
    first = post(app.test_client()).get_json()["id"]
    moderate(app, Status.APPROVED, first)
    fired(app, calls, 1)
    admin = app.test_client()
    make_admin(app)
    log_in(admin)
    now[0] = START + timedelta(minutes=1)
    act(admin, f"/admin/comments/{first}/reply", body="Dank je!")
    fired(app, calls, 1)
    with app.app_context():
        assert db.session.get(RebuildState, 1).pending_since == now[0]
    now[0] = START + timedelta(minutes=2)
    act(admin, f"/admin/comments/{first}/category", category="anders")
    fired(app, calls, 1)
