"""Logging in and out."""

from __future__ import annotations

from flask import redirect, render_template, request, session, url_for

from comments_service.accounts import LockedOut, authenticate
from comments_service.admin import bp
from comments_service.admin.forms import ActionForm, LoginForm
from comments_service.admin.paths import safe_next
from comments_service.clock import utcnow
from comments_service.database import db

WRONG = "Naam of wachtwoord klopt niet."
LOCKED = "Dit account is na te veel mislukte pogingen tijdelijk geblokkeerd. Probeer het over 15 minuten opnieuw."


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login form; five wrong passwords in 15 minutes lock the account for 15 minutes."""
    form, error, status = LoginForm(), None, 200
    if form.validate_on_submit():
        now = utcnow()
        try:
            admin = authenticate(form.name.data, form.password.data, now)
        except LockedOut:
            admin, error, status = None, LOCKED, 429
        db.session.commit()  # keeps the count of wrong passwords, or its reset
        if admin is not None:
            session.clear()
            session.update(admin=admin.name, since=now.isoformat())
            session.permanent = True
            return redirect(safe_next(request.args.get("next"), url_for("admin.queue")), 303)
        if error is None:
            error, status = WRONG, 401
    return render_template("admin/login.html", form=form, error=error), status


@bp.post("/logout")
def logout():
    """End the session."""
    if ActionForm().validate_on_submit():
        session.clear()
    return redirect(url_for("admin.login"), 303)
