"""Logging in and out: throttled per client before any password is hashed, wrong passwords limited per
account too (browsers that logged in before are let past that limit), and sessions that end at logout."""

from __future__ import annotations

from datetime import timedelta
from math import ceil

from flask import current_app, make_response, redirect, render_template, request, session, url_for

from comments_service.domain.accounts import LockedOut, authenticate, end_sessions
from comments_service.domain.dutch import duration
from comments_service.infra.clients import client_hash
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db
from comments_service.infra.ratelimit import limiter
from comments_service.web.admin import bp, current_admin, devices
from comments_service.web.admin.forms import ActionForm, LoginForm
from comments_service.web.admin.paths import safe_next

WRONG = "Naam of wachtwoord klopt niet."
LOCKED = "Dit account is na te veel mislukte pogingen tijdelijk geblokkeerd. Probeer het over {wait} opnieuw."


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN"], methods=["POST"])
@limiter.limit(lambda: current_app.config["RATELIMIT_LOGIN_ACCOUNT"], methods=["POST"], key_func=devices.account_key,
               exempt_when=devices.known, deduct_when=devices.failed)
def login():
    """The login form; five wrong passwords in 15 minutes lock that client out of that account for 15 minutes."""
    form, error, status, headers = LoginForm(), None, 200, {}
    if form.validate_on_submit():
        now = utcnow()
        try:
            admin = authenticate(form.name.data, form.password.data, client_hash(), now)
        except LockedOut as locked:
            wait = (locked.until - now).total_seconds()
            admin, error, status = None, LOCKED.format(wait=duration(timedelta(minutes=ceil(wait / 60)))), 429
            headers["Retry-After"] = str(ceil(wait))
        if admin is not None:
            session.clear()
            session.update(admin=admin.name, since=now.isoformat(), stamp=admin.session_stamp)
            session.permanent = True
            db.session.commit()
            response = redirect(safe_next(request.args.get("next"), url_for("admin.queue")), 303)
            devices.remember(response, admin.name)
            return response
        db.session.commit()  # keeps the count of wrong passwords
        if error is None:
            error, status = WRONG, 401
    return make_response(render_template("admin/login.html", form=form, error=error), status, headers)


@bp.post("/logout")
def logout():
    """End the session, and every other session of this admin."""
    if ActionForm().validate_on_submit():
        name = current_admin()
        if name:
            end_sessions(name)
            db.session.commit()
        session.clear()
    return redirect(url_for("admin.login"), 303)
