"""The signed-cookie session, opened only where its cookie is sent."""

from __future__ import annotations

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface


class AdminPathSessionInterface(SecureCookieSessionInterface):
    """The session cookie is scoped to SESSION_COOKIE_PATH (/admin), so browsers never send it with any
    other request: those get Flask's null session instead of a cookie decoded on every API read."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if not request.path.startswith(self.get_cookie_path(app)):
            return None
        return super().open_session(app, request)
