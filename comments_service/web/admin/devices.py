"""A device the author logged in from before: a signed cookie, set at a successful login, that lets that
browser past the account-wide limit on wrong passwords (which strangers can run into on purpose)."""

from __future__ import annotations

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "admin_device"
MAX_AGE = 365 * 24 * 3600
PATH = "/admin/login"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="admin-device")


def remember(response: Response, name: str) -> None:
    """Mark this browser as one the admin logged in from."""
    response.set_cookie(COOKIE, _serializer().dumps(name), max_age=MAX_AGE, path=PATH, httponly=True,
                        secure=current_app.config["SESSION_COOKIE_SECURE"], samesite="Strict")


def known() -> bool:
    """Whether this login comes from a browser the named admin logged in from before."""
    try:
        name = _serializer().loads(request.cookies.get(COOKIE, ""), max_age=MAX_AGE)
    except BadSignature:
        return False
    return name == request.form.get("name")


def account_key() -> str:
    """The account-wide limit counts per account name, whichever client tries it."""
    return f"login-account:{request.form.get('name', '')}"


def failed(response: Response) -> bool:
    return response.status_code == 401
