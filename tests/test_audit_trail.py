"""Every moderation action leaves one entry in the trail: the comment, the actor, the action's name and what
the comment was before and after (a deletion keeps what it was)."""

from __future__ import annotations

import json

from comments_service.domain.audit import AuditEntry
from comments_service.domain.models import Comment
from comments_service.infra.database import db
from tests.support.admin import act
from tests.support.comments import COMMENTS_URL, approved


def _trail(app) -> list[tuple]:
    with app.app_context():
        return [(entry.comment_id, entry.actor, entry.action, json.loads(entry.before or "null"), json.loads(entry.after or "null"))
                for entry in db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id))]


def test_each_admin_action_is_one_entry_with_its_name_and_its_change(app, admin):
    comment = approved(app.test_client(), author="Ans", body="Eerst bellen.", category="voorbeeld")
    start = len(_trail(app))
    act(admin, f"/admin/comments/{comment}/category", category="coachen")
    act(admin, f"/admin/comments/{comment}/edit", body="Eerst samen bellen.")
    act(admin, f"/admin/comments/{comment}/reply", body="Dank je.")
    act(admin, f"/admin/comments/{comment}/delete")
    entries = _trail(app)[start:]
    assert [(entry[1], entry[2]) for entry in entries] == [
        ("auteur", "recategorise"), ("auteur", "edit"), ("auteur", "author_reply"), ("auteur", "delete"), ("auteur", "delete")]
    category, edit, reply, *deleted = entries
    assert (category[0], category[3]["category"], category[4]["category"]) == (comment, "voorbeeld", "coachen")
    assert (edit[3]["body"], edit[4]["body"]) == ("Eerst bellen.", "Eerst samen bellen.")
    assert reply[3] is None and reply[4]["body"] == "Dank je."
    assert [entry[0] for entry in deleted] == [reply[0], comment]  # the reply goes with it, first
    assert [(entry[3]["body"], entry[4]) for entry in deleted] == [("Dank je.", None), ("Eerst samen bellen.", None)]


def test_an_action_that_changes_nothing_leaves_no_entry_and_no_public_change(app, admin):
    """Approving what is approved, the same approach or the same text: no entry, the same time, the cached answer kept."""
    comment = approved(app.test_client(), author="Ans", body="Eerst bellen.", category="voorbeeld")
    start, reader = len(_trail(app)), app.test_client()
    etag = reader.get(COMMENTS_URL).headers["ETag"]
    with app.app_context():
        updated = db.session.get(Comment, comment).updated_at
    act(admin, f"/admin/comments/{comment}/approve")
    act(admin, f"/admin/comments/{comment}/category", category="voorbeeld")
    act(admin, f"/admin/comments/{comment}/edit", body="Eerst bellen.")
    assert _trail(app)[start:] == []
    with app.app_context():
        assert db.session.get(Comment, comment).updated_at == updated
    assert reader.get(COMMENTS_URL, headers={"If-None-Match": etag}).status_code == 304
