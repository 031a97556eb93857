"""The moderation queue and its actions; every action is audited and public at once."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from pydantic_core import PydanticCustomError

from comments_service.domain import moderation
from comments_service.domain.actions import ACTIONS
from comments_service.domain.dutch import plural
from comments_service.domain.endorsements import counts as endorsement_counts
from comments_service.domain.fields import clean_body
from comments_service.domain.models import Comment, Status
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db
from comments_service.mail import reader as reader_mail
from comments_service.web.admin import bp, current_admin, login_required
from comments_service.web.admin.feedback import REFUSED, status_changed, statuses, told
from comments_service.web.admin.forms import ActionForm, CategoryForm, TextForm
from comments_service.web.admin.paths import safe_next
from comments_service.web.admin.queries import BURST, Filters, status_counts
from comments_service.web.admin.queries import queue as queue_rows
from comments_service.web.errors import ApiError
from comments_service.web.routes import COMMENT_ID


@bp.get("/")
@login_required
def queue():
    """Pending first, with counts per status, filters, search, flags and each comment's trail."""
    filters = Filters(**{key: request.args.get(key, "").strip() for key in ("status", "thread", "category", "q")},
                      page=request.args.get("page", 1, type=lambda value: max(1, min(int(value), 10**6))))
    rows, more = queue_rows(filters)
    subscribers = reader_mail.subscriber_counts([row.comment for row in rows])
    endorsed = endorsement_counts([row.comment.id for row in rows])
    return render_template("admin/queue.html", rows=rows, more=more, counts=status_counts(), filters=filters,
                           subscribers=subscribers, endorsed=endorsed, burst_flag=BURST,
                           threads=current_app.extensions["threads"], form=ActionForm(), admin=current_admin())


def _back() -> str:
    return safe_next(request.form.get("next"), url_for("admin.queue"))


def _comment(comment_id: int) -> Comment:
    return db.get_or_404(Comment, comment_id)


@bp.post(f"/comments/{COMMENT_ID}/<action>")
@login_required
def act(comment_id: int, action: str):
    """Approve, reject or mark spam; change the approach; reset the endorsements; edit; reply as author."""
    comment, actor, now = _comment(comment_id), current_admin(), utcnow()
    if action in ACTIONS:
        ActionForm().validate_on_submit() or abort(400)
        before = statuses([comment.id])
        moderation.set_status([comment.id], ACTIONS[action].status, now, actor)
        status_changed(before, ACTIONS[action])
    elif action == "category":
        form = CategoryForm()
        poll = current_app.extensions["threads"][comment.thread].poll
        form.category.choices = list(poll.option_ids)
        form.validate_on_submit() or abort(400)
        moderation.set_category(comment, form.category.data, actor, now)
        told(f"Aanpak van #{comment.id} gewijzigd in “{poll.short(form.category.data)}”.")
    elif action == "endorsements":
        ActionForm().validate_on_submit() or abort(400)
        gone = moderation.reset_endorsements(comment, actor, now)
        told(f"“Lezers eens” van #{comment.id} gewist ({plural(gone, 'lezer', 'lezers')}).")
    elif action in {"edit", "reply"}:
        form = TextForm()
        if not form.validate_on_submit():
            _refuse_text(form)
        body = _checked_body(form.body.data)
        if action == "edit":
            moderation.edit_text(comment, body, actor, now)
            told(f"Tekst van #{comment.id} opgeslagen.")
        elif comment.parent_id is None and comment.status == Status.APPROVED:
            moderation.author_reply(comment, current_app.extensions["author_name"], body, actor, now)
            told(f"Je antwoord op #{comment.id} staat online.")
        else:
            abort(409)
    else:
        abort(404)
    db.session.commit()
    return redirect(_back(), 303)


def _refuse_text(form: TextForm) -> None:
    """A refused edit or reply: the text's own Dutch message (an empty text, one too long); a bad token a 400."""
    if "csrf_token" in form.errors or "body" not in form.errors:
        abort(400)
    raise ApiError(400, "invalid_text", form.errors["body"][0], {"body": form.errors["body"][0]})


def _checked_body(value: str) -> str:
    """The author's text under the readers' rules (no invisible control characters...), or a Dutch 400."""
    try:
        return clean_body(value)
    except PydanticCustomError as error:
        raise ApiError(400, "invalid_text", error.message()) from None


@bp.route(f"/comments/{COMMENT_ID}/delete", methods=["GET", "POST"])
@login_required
def delete(comment_id: int):
    """Delete for good, after a confirmation page."""
    comment, form = _comment(comment_id), ActionForm()
    if request.method == "POST" and form.validate_on_submit():
        moderation.delete_for_good(comment, current_admin(), utcnow())
        db.session.commit()
        told(f"Reactie #{comment_id} is definitief verwijderd.")
        return redirect(_back(), 303)
    return render_template("admin/confirm_delete.html", comment=comment, form=form,
                           back=safe_next(request.args.get("next"), url_for("admin.queue")))


@bp.post("/bulk")
@login_required
def bulk():
    """Approve, reject or mark spam a selection at once."""
    form = ActionForm()
    action = request.form.get("action", "")
    ids = [int(value) for value in request.form.getlist("ids") if value.isascii() and value.isdigit() and len(value) < 10]
    if not form.validate_on_submit() or action not in ACTIONS:
        abort(400)
    if not ids:
        told(f"Er is niets {ACTIONS[action].done}: kies eerst een of meer reacties met de vinkjes.", REFUSED)
        return redirect(_back(), 303)
    before = statuses(ids)
    try:
        moderation.set_status(ids, ACTIONS[action].status, utcnow(), current_admin())
    except LookupError:
        abort(404)
    status_changed(before, ACTIONS[action])
    db.session.commit()
    return redirect(_back(), 303)
