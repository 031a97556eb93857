"""Admin accounts: argon2id hashes, and a lockout after repeated wrong passwords whatever the address."""

from __future__ import annotations

from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from comments_service.database import db
from comments_service.models import UTCDateTime

# argon2-cffi's defaults (argon2id, 64 MiB, 3 passes, 4 lanes) are above OWASP's minimum.
_hasher = PasswordHasher()
MAX_FAILURES = 5
WINDOW = LOCKOUT = timedelta(minutes=15)


class LockedOut(Exception):
    """Too many wrong passwords: no login, not even with the right one, until locked_until."""

    def __init__(self, until: datetime):
        super().__init__(until)
        self.until = until


class Admin(db.Model):
    """Someone who may moderate: a name, a password hash and the state of the lockout."""

    __tablename__ = "admins"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    failures: Mapped[int] = mapped_column(default=0)
    first_failure_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


def hash_password(password: str) -> str:
    """An argon2id hash of password."""
    return _hasher.hash(password)


def set_admin(name: str, password: str, now: datetime) -> Admin:
    """Create the account, or give an existing one a new password (and lift its lockout)."""
    admin = db.session.scalar(db.select(Admin).where(Admin.name == name)) or Admin(name=name, created_at=now)
    admin.password_hash = hash_password(password)
    unlock(admin)
    db.session.add(admin)
    return admin


def unlock(admin: Admin) -> None:
    """Forget the wrong passwords and lift the lockout."""
    admin.failures, admin.first_failure_at, admin.locked_until = 0, None, None


def authenticate(name: str, password: str, now: datetime) -> Admin | None:
    """The admin when the password is right; None when not; LockedOut while the account is locked."""
    admin = db.session.scalar(db.select(Admin).where(Admin.name == name).with_for_update())
    if admin is None:
        _hasher.hash(password)  # spend the same time as for a real account
        return None
    if admin.locked_until and now < admin.locked_until:
        raise LockedOut(admin.locked_until)
    try:
        _hasher.verify(admin.password_hash, password)
    except (VerificationError, InvalidHashError):
        _count_failure(admin, now)
        return None
    unlock(admin)
    if _hasher.check_needs_rehash(admin.password_hash):
        admin.password_hash = hash_password(password)
    return admin


def _count_failure(admin: Admin, now: datetime) -> None:
    if admin.first_failure_at is None or now - admin.first_failure_at > WINDOW:
        admin.failures, admin.first_failure_at = 0, now
    admin.failures += 1
    if admin.failures >= MAX_FAILURES:
        admin.locked_until = now + LOCKOUT
        admin.failures, admin.first_failure_at = 0, None
