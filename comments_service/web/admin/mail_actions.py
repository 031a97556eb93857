"""The pages behind the mail's one-click links: GET shows a confirmation, only the POST acts
(mail scanners open links), and only while the comment is still pending."""

from __future__ import annotations

from flask import current_app, render_template, request

from comments_service.domain.actions import ACTIONS, STATE_WORDS
from comments_service.domain.dutch import duration
from comments_service.domain.limits import MODERATION_LINK
from comments_service.domain.models import Status
from comments_service.domain.moderation import set_status
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db
from comments_service.mail.links import InvalidLink, verify
from comments_service.web.admin import bp
from comments_service.web.admin.forms import ActionForm


@bp.route("/mail/<token>", methods=["GET", "POST"])
def mail_action(token: str):
    """Confirm, then approve, reject or mark spam the comment the signed link names."""
    try:
        comment, action = verify(token)
    except InvalidLink as exc:
        message = f"Deze link is verlopen (na {duration(MODERATION_LINK)})." if exc.expired else "Deze link is ongeldig."
        return render_template("admin/mail_action.html", state="invalid", message=message), 410 if exc.expired else 400
    if comment is None:
        return render_template("admin/mail_action.html", state="invalid", message="Deze reactie bestaat niet meer."), 404
    label, status = ACTIONS[action].button, ACTIONS[action].status
    if comment.status != Status.PENDING:
        message = f"Deze reactie is al behandeld: ze is {STATE_WORDS[comment.status]}."
        return render_template("admin/mail_action.html", state="done", message=message, comment=comment), 409
    form = ActionForm()
    if request.method == "POST" and form.validate_on_submit():
        set_status([comment.id], status, utcnow(), f"mail:{current_app.config['NOTIFY_TO']}")
        db.session.commit()
        message = f"Gelukt: de reactie is {STATE_WORDS[status]}."
        return render_template("admin/mail_action.html", state="done", message=message, comment=comment)
    return render_template("admin/mail_action.html", state="confirm", label=label, comment=comment, form=form)
