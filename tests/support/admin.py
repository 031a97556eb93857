"""Helpers for the admin tests: accounts, CSRF tokens, logging in."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from argon2 import PasswordHasher

from comments_service.domain import accounts
from comments_service.domain.accounts import set_admin
from comments_service.infra.database import db

PASSWORD = "een-lang-en-geheim-wachtwoord"
START = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)  # the admin tests' clock starts here
# argon2id at a low cost (1 pass, 1 MiB): the tests log in thousands of times, and the product's cost (0.17 s a
# hash here) would be most of their time. test_admin_auth checks the product's own cost with STRONG.
QUICK = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
STRONG = accounts._hasher
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def make_admin(app, name: str = "auteur", password: str = PASSWORD) -> None:
    with app.app_context():
        set_admin(name, password, datetime.now(timezone.utc))
        db.session.commit()


def csrf_token(client, url: str = "/admin/login") -> str:
    """The CSRF token of the form on url (the session keeps it valid)."""
    return TOKEN.search(client.get(url).get_data(as_text=True)).group(1)


def log_in(client, name: str = "auteur", password: str = PASSWORD, **kwargs):
    return client.post("/admin/login", data={"name": name, "password": password, "csrf_token": csrf_token(client)}, **kwargs)


def act(client, path: str, **data):
    """POST an admin action with a valid CSRF token."""
    return client.post(path, data={"csrf_token": csrf_token(client, "/admin/"), **data})
