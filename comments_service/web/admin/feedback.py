"""What the author is told after each action: a Dutch message on the page the action returns to, and after a
status change an "Ongedaan maken" that puts each comment back in the status it had, through moderation, so the
undoing is audited like any change. The session (a cookie) holds the last action's message, shown once, and what
to undo, never more: actions with no page shown in between (a script, many tabs) do not pile up messages."""

from __future__ import annotations

from collections import defaultdict

from flask import abort, redirect, request, session, url_for

from comments_service.domain import moderation
from comments_service.domain.actions import STATE_WORDS, Action
from comments_service.domain.dutch import plural
from comments_service.domain.models import Comment, Status
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db
from comments_service.web.admin import bp, current_admin, login_required
from comments_service.web.admin.forms import ActionForm
from comments_service.web.admin.paths import safe_next

UNDO = "undo"  # in the session: [[comment id, its status before], ...] of the last status change
TOLD = "told"  # in the session: [kind, message] of the last action, until a page shows it
DONE, UNDOABLE, REFUSED = "klaar", "ongedaan-te-maken", "fout"  # the messages' kinds


def told(message: str, kind: str = DONE) -> None:
    session[TOLD] = [kind, message]


@bp.context_processor
def _message() -> dict:
    """told_now(): the message waiting for the admin page being shown, as [kind, text], taken from the session."""
    return {"told_now": lambda: session.pop(TOLD, None)}


def status_changed(before: dict[int, Status], action: Action) -> None:
    """Say what moved, and keep what it was for "Ongedaan maken" (only the comments that did move)."""
    moved = {comment_id: status for comment_id, status in before.items() if status != action.status}
    subject = f"Reactie #{next(iter(before))}" if len(before) == 1 else plural(len(before), "reactie", "reacties")
    session[UNDO] = [[comment_id, status.value] for comment_id, status in moved.items()]
    told(f"{subject} {action.done}.", UNDOABLE if moved else DONE)


def statuses(ids: list[int]) -> dict[int, Status]:
    """The current status of each of these comments, by id."""
    return dict(db.session.execute(db.select(Comment.id, Comment.status).where(Comment.id.in_(ids)).order_by(Comment.id)).all())


@bp.post("/ongedaan")
@login_required
def undo():
    """Put the comments of the last status change back in the status each had (those since deleted are skipped)."""
    ActionForm().validate_on_submit() or abort(400)
    back = safe_next(request.form.get("next"), url_for("admin.queue"))
    groups: dict[Status, list[int]] = defaultdict(list)
    for comment_id, status in session.pop(UNDO, None) or []:
        groups[Status(status)].append(comment_id)
    if not groups:
        told("Er is niets meer om ongedaan te maken.", REFUSED)
        return redirect(back, 303)
    now, actor, restored = utcnow(), current_admin(), []
    for status, ids in groups.items():
        restored += [(comment.id, status) for comment in moderation.set_status(list(statuses(ids)), status, now, actor)]
    db.session.commit()
    if not restored:
        told("Er is niets meer om ongedaan te maken: die reacties zijn intussen verwijderd.", REFUSED)
    elif len(restored) == 1:
        told(f"Ongedaan gemaakt: reactie #{restored[0][0]} staat weer op “{STATE_WORDS[restored[0][1]]}”.")
    else:
        told(f"Ongedaan gemaakt: {plural(len(restored), 'reactie staat', 'reacties staan')} weer zoals ze stonden.")
    return redirect(back, 303)
