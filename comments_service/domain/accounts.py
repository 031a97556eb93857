"""Admin accounts: argon2id hashes; a lockout per account and client after repeated wrong passwords (a
stranger can lock out only themselves); and a stamp that ends every session at logout and a new password.

The password is checked outside any write transaction: the expensive hash never holds the write lock that
readers' posts wait for."""

from __future__ import annotations

import secrets
from datetime import datetime
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from comments_service.domain.limits import ADMIN_NAME_MAX, LOGIN_FAILURES, LOGIN_LOCKOUT, LOGIN_WINDOW
from comments_service.domain.models import UTCDateTime
from comments_service.infra.database import db, insert_if_missing, reading

# argon2-cffi's defaults (argon2id, 64 MiB, 3 passes, 4 lanes) are above OWASP's minimum.
_hasher = PasswordHasher()


class LockedOut(Exception):
    """Too many wrong passwords: no login, not even with the right one, until locked_until."""

    def __init__(self, until: datetime):
        super().__init__(until)
        self.until = until


class Admin(db.Model):
    """Someone who may moderate: a name, a password hash and the stamp their sessions carry."""

    __tablename__ = "admins"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(ADMIN_NAME_MAX), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    session_stamp: Mapped[str] = mapped_column(String(32), default="")  # new at logout and with a new password
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LoginAttempt(db.Model):
    """Wrong passwords for one account name from one client (keyed hash): counted, and locked after five."""

    __tablename__ = "login_attempts"

    name: Mapped[str] = mapped_column(String(ADMIN_NAME_MAX), primary_key=True)
    client_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    first_failure_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


def hash_password(password: str) -> str:
    """An argon2id hash of password."""
    return _hasher.hash(password)


def new_stamp() -> str:
    return secrets.token_hex(16)


def set_admin(name: str, password: str, now: datetime) -> Admin:
    """Create the account, or give an existing one a new password (ending its sessions, lifting its lockouts)."""
    admin = db.session.scalar(db.select(Admin).where(Admin.name == name)) or Admin(name=name, created_at=now)
    admin.password_hash = hash_password(password)
    admin.session_stamp = new_stamp()
    unlock(name)
    db.session.add(admin)
    return admin


def unlock(name: str) -> None:
    """Forget the wrong passwords for this account, from every client, and lift its lockouts."""
    db.session.execute(db.delete(LoginAttempt).where(LoginAttempt.name == name))


def end_sessions(name: str) -> None:
    """Every session of this admin ends: a new stamp, which no session cookie holds."""
    db.session.execute(db.update(Admin).where(Admin.name == name).values(session_stamp=new_stamp()))


def session_valid(name: str, stamp: str | None) -> bool:
    """Whether a session for this admin with this stamp is still one the admin has not ended."""
    stored = db.session.scalar(db.select(Admin.session_stamp).where(Admin.name == name))
    return bool(stamp) and stored is not None and secrets.compare_digest(stored, stamp)


@cache
def _dummy_hash() -> str:
    # Unknown names are checked against this, so that they take the same work and time as known ones.
    return _hasher.hash(secrets.token_hex(16))


def authenticate(name: str, password: str, client: str, now: datetime) -> Admin | None:
    """The admin when the password is right; None when not; LockedOut while this client is locked out of
    this name. Unknown names count and lock like known ones, so the lockout tells nothing either."""
    with reading():
        admin = db.session.scalar(db.select(Admin).where(Admin.name == name))
        attempt = db.session.get(LoginAttempt, (name, client))
        locked_until = attempt.locked_until if attempt and attempt.locked_until and now < attempt.locked_until else None
        stored_hash = admin.password_hash if admin else _dummy_hash()
        db.session.rollback()  # nothing was written: end the read before the slow part
    if locked_until:
        raise LockedOut(locked_until)
    try:
        right = _hasher.verify(stored_hash, password) and admin is not None
    except (VerificationError, InvalidHashError):
        right = False
    if not right:
        _count_failure(name, client, now)
        return None
    db.session.execute(db.delete(LoginAttempt).where(LoginAttempt.name == name, LoginAttempt.client_hash == client))
    admin = db.session.scalar(db.select(Admin).where(Admin.name == name))
    if _hasher.check_needs_rehash(admin.password_hash):
        admin.password_hash = hash_password(password)
    return admin


def _count_failure(name: str, client: str, now: datetime) -> None:
    # Rows of pairs that are neither locked nor recent are forgotten: the table stays small.
    db.session.execute(db.delete(LoginAttempt).where(
        LoginAttempt.first_failure_at.is_(None) | (LoginAttempt.first_failure_at < now - LOGIN_WINDOW),
        LoginAttempt.locked_until.is_(None) | (LoginAttempt.locked_until < now)))
    # Two wrong tries at once from one client: the row is made once, then each counts under its lock.
    insert_if_missing(LoginAttempt, name=name, client_hash=client, failures=0)
    attempt = db.session.get(LoginAttempt, (name, client), with_for_update=True, populate_existing=True)
    if attempt.first_failure_at is None or now - attempt.first_failure_at > LOGIN_WINDOW:
        attempt.failures, attempt.first_failure_at = 0, now
    attempt.failures += 1
    if attempt.failures >= LOGIN_FAILURES:
        attempt.locked_until = now + LOGIN_LOCKOUT
        attempt.failures, attempt.first_failure_at = 0, None
