"""The author's page "Ons advies" per thread: write the advice with a preview, choose the approaches it recommends,
publish it now, schedule it (at a time on Amsterdam's clock, or after a number of approved answers) or withdraw it.
The domain (domain/advice.py) checks and audits every change; the page says what happened."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for

from comments_service.domain import advice as domain
from comments_service.domain.advice_view import advice_status, published_advice
from comments_service.domain.dutch import AMSTERDAM
from comments_service.domain.errors import DomainError
from comments_service.domain.rendering import render_advice
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db
from comments_service.web.admin import bp, current_admin, login_required
from comments_service.web.admin.feedback import REFUSED, told
from comments_service.web.admin.forms import ActionForm, AdviceForm

DONE = {"save": "Het advies is opgeslagen.", "publish": "Het advies staat online.", "schedule": "Het advies is gepland.",
        "withdraw": "Het advies is ingetrokken; de tekst blijft bewaard."}


def _form(thread, current) -> AdviceForm:
    form = AdviceForm(data={"body": current.body, "options": current.option_ids} if current and request.method == "GET" else None)
    form.options.choices = [(option.id, option.label) for option in thread.poll.options]
    return form


@bp.route("/threads/<thread>/advies", methods=["GET", "POST"])
@login_required
def advice(thread: str):
    found = current_app.extensions["threads"].get(thread) or abort(404)
    current, action, preview, status = domain.find(found.id), request.form.get("action", ""), None, 200
    form = _form(found, current)
    if request.method == "POST" and action == "withdraw":
        ActionForm().validate_on_submit() or abort(400)
        return _did(found, action, lambda: domain.withdraw(found, current_admin(), utcnow()))
    if request.method == "POST":
        if not form.validate_on_submit():
            if form.csrf_token.errors:
                abort(400)
            status = 400  # the page again, with each field's Dutch error
        elif action == "preview":
            preview = render_advice(form.body.data)
        elif action in DONE:
            return _did(found, action, lambda: _save(found, form, action))
        else:
            abort(400)
    return render_template("admin/advice.html", thread=found, form=form, current=current, preview=preview,
                           status=advice_status(found), public=published_advice(found), admin=current_admin()), status


def _save(found, form: AdviceForm, action: str) -> None:
    """Store the text and approaches; then publish, or schedule, as asked."""
    now, actor = utcnow(), current_admin()
    domain.set_text(found, form.options.data, form.body.data, actor, now)
    if action == "publish":
        domain.schedule(found, actor, now)
    elif action == "schedule":
        if bool(form.at.data) == bool(form.after.data):
            raise DomainError("invalid_schedule", "Kies een moment óf een aantal reacties om het advies te plannen.")
        at = form.at.data.replace(tzinfo=AMSTERDAM) if form.at.data else None
        domain.schedule(found, actor, now, at=at, after=form.after.data)


def _did(found, action: str, change):
    """Run a change, commit it and say so; a refusal is said in Dutch and changes nothing."""
    try:
        change()
    except DomainError as refusal:
        db.session.rollback()
        told(refusal.message, REFUSED)
    else:
        db.session.commit()
        told(DONE[action])
    return redirect(url_for("admin.advice", thread=found.id), 303)
