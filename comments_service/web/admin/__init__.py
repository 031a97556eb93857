"""The author's admin under /admin: login, the moderation queue and its actions."""

from __future__ import annotations

from datetime import datetime
from functools import wraps

from flask import Blueprint, current_app, redirect, request, session, url_for

from comments_service.domain.accounts import session_valid
from comments_service.infra.clock import utcnow

bp = Blueprint("admin", __name__, url_prefix="/admin")


def current_admin() -> str | None:
    """The logged-in admin's name, or None (also when the session has expired)."""
    name, since = session.get("admin"), session.get("since")
    if not name or not since:
        return None
    if utcnow() - datetime.fromisoformat(since) > current_app.permanent_session_lifetime or not session_valid(
            name, session.get("stamp")):
        session.clear()
        return None
    return name


def login_required(view):
    """Send anyone not logged in to the login page."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_admin() is None:
            return redirect(url_for("admin.login", next=request.full_path if request.method == "GET" else None))
        return view(*args, **kwargs)

    return wrapped


from comments_service.web.admin import (  # noqa: E402,F401  (routes register on bp)
    advice,
    auth,
    dashboard,
    feedback,
    mail_actions,
    queue,
)
