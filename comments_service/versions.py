"""A version per thread, bumped in the same transaction as any public change, so that every worker and
instance knows at once when its cached answers for that thread are stale."""

from __future__ import annotations

from sqlalchemy import String, bindparam
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column

from comments_service.database import db


class ThreadVersion(db.Model):
    """How often the public face of a thread has changed."""

    __tablename__ = "thread_versions"

    thread: Mapped[str] = mapped_column(String(100), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)


def bump(thread: str) -> None:
    """Count one public change of the thread, in the current transaction."""
    insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(ThreadVersion).values(thread=thread, version=1)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=[ThreadVersion.thread], set_={"version": ThreadVersion.version + 1}))


def current(thread: str) -> int:
    """The thread's version (0 before its first public change); read on its own connection, without the
    ORM session, because every cached read asks it."""
    with db.engine.connect() as connection:
        return connection.execute(_CURRENT, {"thread": thread}).scalar() or 0


_CURRENT = db.select(ThreadVersion.version).where(ThreadVersion.thread == bindparam("thread"))
