"""Admin accounts: login, logout, lockout, CSRF, the session cookie and its expiry."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from comments_service.accounts import Admin
from comments_service.database import db
from tests.support.admin import PASSWORD, csrf_token, log_in, make_admin

START = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def clocked(make_app):
    now = [START]
    app = make_app(CLOCK=lambda: now[0])
    make_admin(app)
    return app, app.test_client(), now


def test_create_admin_reads_the_password_from_stdin_and_hashes_it_with_argon2id(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "redacteur", "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        admin = db.session.scalar(db.select(Admin).where(Admin.name == "redacteur"))
        assert admin.password_hash.startswith("$argon2id$") and PASSWORD not in admin.password_hash


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


def test_five_wrong_passwords_lock_the_account_for_15_minutes_whatever_the_address(clocked):
    app, client, now = clocked
    statuses = []
    for attempt in range(5):
        now[0] = START + timedelta(minutes=attempt)
        statuses.append(log_in(client, password="fout", environ_base={"REMOTE_ADDR": f"198.51.100.{attempt}"}).status_code)
    locked = log_in(app.test_client(), environ_base={"REMOTE_ADDR": "203.0.113.9"})
    now[0] = START + timedelta(minutes=4 + 15) - timedelta(seconds=1)
    still_locked = log_in(app.test_client()).status_code
    now[0] = START + timedelta(minutes=4 + 15)
    after = log_in(app.test_client()).status_code
    print(f"lockout: wrong passwords {statuses}; 6th try, right password, other address: {locked.status_code}; "
          f"14:59 later: {still_locked}; 15:00 later: {after}")
    assert statuses == [401] * 5
    assert locked.status_code == 429 and "tijdelijk geblokkeerd" in locked.get_data(as_text=True)
    assert (still_locked, after) == (429, 303)


def test_wrong_passwords_spread_over_more_than_15_minutes_do_not_lock(clocked):
    _, client, now = clocked
    for attempt in range(6):
        now[0] = START + timedelta(minutes=4 * attempt)
        log_in(client, password="fout")
    assert log_in(client).status_code == 303


def test_unlock_admin_lifts_the_lockout(clocked):
    app, client, _ = clocked
    for _ in range(5):
        log_in(client, password="fout")
    assert log_in(client).status_code == 429
    assert app.test_cli_runner().invoke(args=["unlock-admin", "auteur"]).exit_code == 0
    assert log_in(client).status_code == 303


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


def test_the_session_cookie_is_httponly_lax_scoped_and_expires(clocked):
    cookie = log_in(clocked[1]).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/admin" in cookie and "Expires=" in cookie
    assert "Secure" not in cookie  # http://127.0.0.1 locally


def test_the_cookie_is_secure_when_served_over_https(make_app):
    app = make_app(PUBLIC_URL="https://leiden-of-lijden.nl")
    make_admin(app)
    assert "Secure" in log_in(app.test_client()).headers["Set-Cookie"]


def test_the_session_expires_after_12_hours(clocked):
    _, client, now = clocked
    log_in(client)
    now[0] = START + timedelta(hours=12)
    assert client.get("/admin/").status_code == 200
    now[0] = START + timedelta(hours=12, seconds=1)
    assert client.get("/admin/").headers["Location"].startswith("/admin/login")
