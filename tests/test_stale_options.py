"""Answers whose option the front matter no longer declares: found per thread and option, and moved in one
command, each move audited (in-process; tests/test_startup.py runs the same through `flask`)."""

from __future__ import annotations

from xml.etree import ElementTree

from comments_service.domain.audit import AuditEntry
from comments_service.domain.models import Comment, Status
from comments_service.domain.stored_options import stale_options
from comments_service.infra.database import db
from comments_service.site.feed import ATOM
from tests.support.comments import THREAD, store_raw


def test_stale_options_names_each_undeclared_option_of_each_thread_with_its_count(app):
    store_raw(app, "weg", 2)
    store_raw(app, "ook-weg", 1, status=Status.SPAM)  # any state: a rejected answer can be approved again later
    store_raw(app, "coachen", 1)
    store_raw(app, None, 1)  # a reply carries no option
    store_raw(app, "coachen", 1, thread="een-verdwenen-bericht")
    with app.app_context():
        assert stale_options(app.extensions["threads"]) == [
            ("een-verdwenen-bericht", "coachen", 1), (THREAD, "ook-weg", 1), (THREAD, "weg", 2)]


def test_recategorise_moves_exactly_that_option_of_that_thread_and_audits_each(app):
    moving = store_raw(app, "weg", 2) + store_raw(app, "weg", 1, status=Status.PENDING)
    staying = store_raw(app, "coachen", 1) + store_raw(app, "weg", 1, thread="ander-bericht")
    result = app.test_cli_runner().invoke(args=["comments", "recategorise", THREAD, "weg", "anders"])
    assert result.output == f"moved 3 comment(s) of {THREAD} from weg to anders\n"
    with app.app_context():
        categories = dict(db.session.execute(db.select(Comment.id, Comment.category)).all())
        trail = db.session.execute(db.select(AuditEntry.comment_id, AuditEntry.action, AuditEntry.actor,
                                             AuditEntry.before, AuditEntry.after).order_by(AuditEntry.id)).all()
    assert {i: categories[i] for i in moving + staying} == {**dict.fromkeys(moving, "anders"), staying[0]: "coachen",
                                                          staying[1]: "weg"}
    assert [(entry[0], entry[1]) for entry in trail] == [(i, "recategorise") for i in moving]
    assert all(entry[2].startswith("cli:") and '"category": "weg"' in entry[3] and '"category": "anders"' in entry[4]
               for entry in trail)


def test_the_feed_titles_an_answer_whose_option_is_gone_as_a_reaction_without_a_category(app):
    store_raw(app, "weg", 1)
    feed = ElementTree.fromstring(app.test_client().get(f"/api/threads/{THREAD}/comments.atom").data)
    entry = feed.find(f"{{{ATOM}}}entry")
    assert entry.findtext(f"{{{ATOM}}}title") == "A: reactie" and entry.find(f"{{{ATOM}}}category") is None
