"""The lockout: five wrong passwords within 15 minutes lock one client out of one account for 15 minutes;
the count starts afresh after a lockout, a right password or a quiet window; old rows are forgotten."""

from __future__ import annotations

from datetime import timedelta

import pytest

from comments_service.domain.accounts import LoginAttempt
from comments_service.infra.database import db
from tests.support.admin import START, log_in, make_admin

STRANGER, AUTHOR = {"REMOTE_ADDR": "198.51.100.7"}, {"REMOTE_ADDR": "203.0.113.9"}


def test_five_wrong_passwords_lock_that_client_out_of_that_account_for_15_minutes(clocked):
    app, client, now = clocked
    statuses = []
    for attempt in range(5):
        now[0] = START + timedelta(minutes=attempt)
        statuses.append(log_in(client, password="fout", environ_base=STRANGER).status_code)
    locked = log_in(app.test_client(), environ_base=STRANGER)
    elsewhere = log_in(app.test_client(), environ_base=AUTHOR).status_code  # a stranger cannot lock the author out
    now[0] = START + timedelta(minutes=4 + 15) - timedelta(seconds=1)
    still_locked = log_in(app.test_client(), environ_base=STRANGER).status_code
    now[0] = START + timedelta(minutes=4 + 15)
    after = log_in(app.test_client(), environ_base=STRANGER).status_code
    print(f"lockout: wrong passwords {statuses}; 6th try, right password, same client: {locked.status_code}; "
          f"other client: {elsewhere}; 14:59 later: {still_locked}; 15:00 later: {after}")
    assert statuses == [401] * 5
    assert locked.status_code == 429 and "tijdelijk geblokkeerd" in locked.get_data(as_text=True)
    assert (elsewhere, still_locked, after) == (303, 429, 303)


def test_unknown_names_count_and_lock_like_known_ones(clocked):
    app, client, _ = clocked
    for name in ("auteur", "niemand"):
        statuses = [log_in(app.test_client(), name=name, password="fout", environ_base=STRANGER).status_code for _ in range(6)]
        assert statuses == [401] * 5 + [429], name  # the lockout does not tell which names exist


def test_a_right_password_clears_earlier_wrong_tries(clocked):
    _, client, _ = clocked
    for _ in range(4):
        assert log_in(client, password="fout").status_code == 401
    assert log_in(client).status_code == 303
    for _ in range(4):
        assert log_in(client, password="fout").status_code == 401
    assert log_in(client).status_code == 303


def test_a_right_password_clears_only_that_accounts_wrong_tries(clocked):
    """Someone with an account of their own cannot reset their count on another between guesses."""
    app, client, _ = clocked
    make_admin(app, name="gast", password="het-eigen-wachtwoord-van-gast")
    for _ in range(4):
        assert log_in(client, password="fout", environ_base=STRANGER).status_code == 401
    own = log_in(app.test_client(), name="gast", password="het-eigen-wachtwoord-van-gast", environ_base=STRANGER)
    assert own.status_code == 303
    assert log_in(client, password="fout", environ_base=STRANGER).status_code == 401
    assert log_in(app.test_client(), environ_base=STRANGER).status_code == 429  # the fifth locked "auteur"


def test_wrong_passwords_spread_over_more_than_15_minutes_do_not_lock(clocked):
    _, client, now = clocked
    for attempt in range(6):
        now[0] = START + timedelta(minutes=4 * attempt)
        log_in(client, password="fout")
    assert log_in(client).status_code == 303


def test_unlock_admin_lifts_the_lockout_from_every_client(clocked):
    app, client, _ = clocked
    for address in (STRANGER, AUTHOR):
        for _ in range(5):
            log_in(app.test_client(), password="fout", environ_base=address)
    assert log_in(client, environ_base=AUTHOR).status_code == 429
    assert app.test_cli_runner().invoke(args=["unlock-admin", "auteur"]).exit_code == 0
    assert log_in(client, environ_base=AUTHOR).status_code == 303
    assert log_in(app.test_client(), environ_base=STRANGER).status_code == 303


def test_a_new_password_lifts_the_lockout_of_that_account_only(clocked):
    """`create-admin` for an existing name sets a new password and lifts that account's lockouts, not another's."""
    app, client, _ = clocked
    make_admin(app, name="gast", password="het-eigen-wachtwoord-van-gast")
    for name in ("auteur", "gast"):
        for _ in range(5):
            log_in(app.test_client(), name=name, password="fout", environ_base=STRANGER)
    new = "een-nieuw-en-lang-wachtwoord"
    result = app.test_cli_runner().invoke(args=["create-admin", "auteur", "--password-stdin"], input=new + "\n")
    assert result.exit_code == 0, result.output
    assert log_in(client, password=new, environ_base=STRANGER).status_code == 303
    assert log_in(app.test_client(), name="gast", password="het-eigen-wachtwoord-van-gast",
                  environ_base=STRANGER).status_code == 429


@pytest.mark.parametrize(("fifth_after", "locked"), [(timedelta(minutes=15), True),
                                                     (timedelta(minutes=15, seconds=1), False)])
def test_the_window_is_15_minutes_from_the_first_wrong_password(clocked, fifth_after, locked):
    app, _, now = clocked
    for attempt in range(4):
        now[0] = START + timedelta(minutes=attempt)
        log_in(app.test_client(), password="fout", environ_base=STRANGER)
    now[0] = START + fifth_after
    log_in(app.test_client(), password="fout", environ_base=STRANGER)
    assert log_in(app.test_client(), environ_base=STRANGER).status_code == (429 if locked else 303)


def test_after_a_lockout_the_count_starts_afresh(clocked):
    app, _, now = clocked
    for _ in range(5):
        log_in(app.test_client(), password="fout", environ_base=STRANGER)
    now[0] = START + timedelta(minutes=15)
    statuses = [log_in(app.test_client(), password="fout", environ_base=STRANGER).status_code for _ in range(4)]
    assert statuses == [401] * 4  # four more wrong tries after the lockout: not yet five in the new count
    assert log_in(app.test_client(), environ_base=STRANGER).status_code == 303
    with app.app_context():
        assert db.session.scalars(db.select(LoginAttempt)).all() == []


def test_a_quiet_window_starts_the_count_afresh(clocked):
    app, _, now = clocked
    for _ in range(4):
        log_in(app.test_client(), password="fout", environ_base=STRANGER)
    now[0] = START + timedelta(minutes=16)
    log_in(app.test_client(), password="fout", environ_base=STRANGER)
    with app.app_context():
        attempt = db.session.scalars(db.select(LoginAttempt)).one()
    assert (attempt.failures, attempt.first_failure_at, attempt.locked_until) == (1, now[0], None)


def _rows(app) -> set[tuple[str, int, bool]]:
    with app.app_context():
        return {(row.name, row.failures, row.locked_until is not None) for row in db.session.scalars(db.select(LoginAttempt))}


def test_rows_neither_locked_nor_recent_are_forgotten(clocked):
    app, _, now = clocked
    log_in(app.test_client(), name="oud", password="fout", environ_base=STRANGER)  # 09:00
    for _ in range(5):
        log_in(app.test_client(), name="geblokkeerd", password="fout", environ_base=STRANGER)  # locked until 09:15
    now[0] = START + timedelta(minutes=10)
    log_in(app.test_client(), name="recent", password="fout", environ_base=STRANGER)
    now[0] = START + timedelta(minutes=15)  # "oud" is exactly 15 minutes old, the lock ends right now
    log_in(app.test_client(), name="nieuw", password="fout", environ_base=STRANGER)
    assert _rows(app) == {("oud", 1, False), ("geblokkeerd", 0, True), ("recent", 1, False), ("nieuw", 1, False)}
    now[0] = START + timedelta(minutes=15, seconds=1)
    log_in(app.test_client(), name="nieuw", password="fout", environ_base=STRANGER)
    assert _rows(app) == {("recent", 1, False), ("nieuw", 2, False)}


@pytest.mark.parametrize(("minute", "message", "seconds"), [
    (4, "Probeer het over 15 minuten opnieuw.", 900), (10, "Probeer het over 9 minuten opnieuw.", 540),
    (18.5, "Probeer het over 1 minuut opnieuw.", 30)])
def test_a_locked_out_client_is_told_how_long_it_waits(clocked, minute, message, seconds):
    app, _, now = clocked
    for attempt in range(5):
        now[0] = START + timedelta(minutes=attempt)
        log_in(app.test_client(), password="fout", environ_base=STRANGER)  # locked from 09:04 until 09:19
    now[0] = START + timedelta(minutes=minute)
    refused = log_in(app.test_client(), environ_base=STRANGER)
    assert refused.status_code == 429 and message in refused.get_data(as_text=True)
    assert refused.headers["Retry-After"] == str(seconds)
