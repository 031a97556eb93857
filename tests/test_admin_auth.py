"""Admin accounts: login, logout, login rate limits, CSRF, the session cookie and its expiry."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from comments_service.domain import accounts
from comments_service.domain.accounts import Admin, LoginAttempt
from comments_service.infra.database import db
from tests.support.admin import PASSWORD, QUICK, START, STRONG, csrf_token, log_in, make_admin

# argon2-cffi's default profile (RFC 9106's second recommendation): 64 MiB, 3 passes, 4 lanes.
PRODUCT_COST = "$argon2id$v=19$m=65536,t=3,p=4$"


@pytest.fixture
def strong_hashes(monkeypatch):
    """The product's own hash cost, instead of the suite's quick one (conftest.py)."""
    monkeypatch.setattr(accounts, "_hasher", STRONG)
    accounts._dummy_hash.cache_clear()
    yield
    accounts._dummy_hash.cache_clear()


def test_create_admin_reads_the_password_from_stdin_and_hashes_it_with_argon2id(app, strong_hashes):
    result = app.test_cli_runner().invoke(args=["create-admin", "redacteur", "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        admin = db.session.scalar(db.select(Admin).where(Admin.name == "redacteur"))
        assert admin.password_hash.startswith(PRODUCT_COST) and PASSWORD not in admin.password_hash


def test_a_hash_of_a_lower_cost_is_made_anew_at_the_next_right_login(clocked, strong_hashes):
    """A hash from an older, cheaper profile is replaced by one at the product's cost, once the password is known."""
    app, client, _ = clocked
    with app.app_context():
        db.session.execute(db.update(Admin).values(password_hash=QUICK.hash(PASSWORD)))
        db.session.commit()
    assert log_in(client, password="fout").status_code == 401
    with app.app_context():
        assert not db.session.scalar(db.select(Admin.password_hash)).startswith(PRODUCT_COST)  # not on a wrong one
    assert log_in(client).status_code == 303
    with app.app_context():
        stored = db.session.scalar(db.select(Admin.password_hash))
    assert stored.startswith(PRODUCT_COST) and STRONG.verify(stored, PASSWORD)
    client.post("/admin/logout", data={"csrf_token": csrf_token(client, "/admin/")})
    assert log_in(client).status_code == 303  # the new hash opens the door


def test_create_admin_refuses_a_short_password(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "x", "--password-stdin"], input="kort\n")
    assert result.exit_code != 0 and "at least 12 characters" in result.output


def test_login_opens_the_queue_and_logout_closes_it(clocked):
    _, client, _ = clocked
    assert client.get("/admin/").headers["Location"].startswith("/admin/login")
    response = log_in(client)
    assert (response.status_code, response.headers["Location"]) == (303, "/admin/")
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout", data={"csrf_token": csrf_token(client, "/admin/")})
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(("name", "password"), [("auteur", "fout-wachtwoord"), ("onbekend", PASSWORD)])
def test_a_wrong_name_or_password_gets_one_dutch_message(clocked, name, password):
    response = log_in(clocked[1], name, password)
    assert response.status_code == 401 and "Naam of wachtwoord klopt niet." in response.get_data(as_text=True)


STRANGER, AUTHOR = {"REMOTE_ADDR": "198.51.100.7"}, {"REMOTE_ADDR": "203.0.113.9"}


def test_login_tries_are_limited_per_client_before_any_hashing(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="3 per minute", RATELIMIT_LOGIN_ACCOUNT="100 per hour")
    make_admin(app)
    client = app.test_client()
    statuses = [log_in(client, password="fout", environ_base=STRANGER).status_code for _ in range(4)]
    refused = log_in(client, environ_base=STRANGER)
    assert statuses == [401, 401, 401, 429]
    assert refused.status_code == 429 and "te vaak geprobeerd in te loggen" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 0
    with app.app_context():
        assert db.session.scalar(db.select(LoginAttempt.failures)) == 3  # the refused tries never reached the hash
    assert log_in(app.test_client(), environ_base=AUTHOR).status_code == 303  # another client is not slowed


def test_the_account_wide_limit_lets_a_browser_that_logged_in_before_pass(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="100 per minute", RATELIMIT_LOGIN_ACCOUNT="3 per hour")
    make_admin(app)
    known = app.test_client()
    assert log_in(known, environ_base=AUTHOR).status_code == 303  # this browser now carries the device cookie
    for number in range(3):  # a botnet: every try from another address
        assert log_in(app.test_client(), password="fout", environ_base={"REMOTE_ADDR": f"192.0.2.{number}"}).status_code == 401
    assert log_in(app.test_client(), environ_base={"REMOTE_ADDR": "192.0.2.50"}).status_code == 429
    assert log_in(known, environ_base={"REMOTE_ADDR": "192.0.2.51"}).status_code == 303
    forged = app.test_client()
    forged.set_cookie("admin_device", "auteur", path="/admin/login")
    assert log_in(forged, environ_base={"REMOTE_ADDR": "192.0.2.52"}).status_code == 429


def test_the_password_is_checked_outside_any_write_transaction(clocked, monkeypatch):
    """Readers' posts never wait for a login's hash: while it runs, another writer can take the write lock."""
    app, client, _ = clocked
    seen = []

    class Watching(PasswordHasher):
        def verify(self, hash, password):  # noqa: A002 - argon2's own name
            seen.append(db.session().in_transaction())
            if db.engine.dialect.name == "sqlite":
                other = sqlite3.connect(db.engine.url.database, timeout=0, isolation_level=None)
                other.execute("BEGIN IMMEDIATE")  # raises "database is locked" if the login held the lock
                other.execute("ROLLBACK")
                other.close()
            return super().verify(hash, password)

    monkeypatch.setattr(accounts, "_hasher", Watching())
    assert log_in(client, password="fout").status_code == 401
    assert log_in(client, name="niemand").status_code == 401
    assert log_in(client).status_code == 303
    assert seen == [False, False, False]


def test_logout_and_a_new_password_end_sessions(clocked):
    app, client, _ = clocked
    other = app.test_client()
    log_in(client), log_in(other)
    cookie = client.get_cookie("session", path="/admin")
    client.post("/admin/logout", data={"csrf_token": csrf_token(client, "/admin/")})
    assert other.get("/admin/").status_code == 302  # logout ends every session of this admin
    replay = app.test_client()
    replay.set_cookie("session", cookie.value, path="/admin")
    assert replay.get("/admin/").status_code == 302  # a copied cookie from before the logout is dead
    log_in(client)
    assert client.get("/admin/").status_code == 200
    assert app.test_cli_runner().invoke(args=["create-admin", "auteur", "--password-stdin"], input="een-ander-wachtwoord-nu\n").exit_code == 0
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(("path", "data"), [
    ("/admin/login", {"name": "auteur", "password": PASSWORD}),
    ("/admin/logout", {}),
    ("/admin/comments/1/approve", {}),
    ("/admin/bulk", {"action": "approve", "ids": "1"}),
])
def test_a_post_without_csrf_token_gets_400(clocked, path, data):
    _, client, _ = clocked
    if path != "/admin/login":
        log_in(client)
    response = client.post(path, data=data)
    assert response.status_code == 400 and response.mimetype == "text/html"


def _cookie(response, name: str) -> str:
    return next(cookie for cookie in response.headers.getlist("Set-Cookie") if cookie.startswith(f"{name}="))


def test_the_session_cookie_is_httponly_lax_scoped_and_expires(clocked):
    response = log_in(clocked[1])
    cookie = _cookie(response, "session")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/admin" in cookie and "Expires=" in cookie
    assert "Secure" not in cookie  # http://127.0.0.1 locally
    device = _cookie(response, "admin_device")
    assert "HttpOnly" in device and "SameSite=Strict" in device and "Path=/admin/login" in device


def test_the_cookie_is_secure_when_served_over_https(make_app):
    app = make_app(PUBLIC_URL="https://leiden-of-lijden.nl")
    make_admin(app)
    response = log_in(app.test_client())
    assert "Secure" in _cookie(response, "session") and "Secure" in _cookie(response, "admin_device")


def test_the_session_expires_after_12_hours(clocked):
    _, client, now = clocked
    log_in(client)
    now[0] = START + timedelta(hours=12)
    assert client.get("/admin/").status_code == 200
    now[0] = START + timedelta(hours=12, seconds=1)
    assert client.get("/admin/").headers["Location"].startswith("/admin/login")
