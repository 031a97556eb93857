"""A version per thread, bumped in the same transaction as any public change, so that every worker and
instance knows at once when its cached answers for that thread are stale; and where the endorsements stand, which
only move numbers beside the answers, so the read cache follows them at most once a second (read_cache.py): a counter
of the thread's endorsements taken back, and the newest endorsement's id (so giving one writes nothing here)."""

from __future__ import annotations

import functools
from typing import NamedTuple

from sqlalchemy import String, bindparam, column, func, literal_column, table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Mapped, mapped_column

from comments_service.infra.database import db


class ThreadVersion(db.Model):
    """How often the public face of a thread has changed."""

    __tablename__ = "thread_versions"

    thread: Mapped[str] = mapped_column(String(100), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)
    endorsed: Mapped[int] = mapped_column(default=0, server_default="0")  # endorsements taken back


class Version(NamedTuple):
    """Where a thread stands: its public changes, and its endorsements (which may be served a moment late): those taken
    back in the thread, and the newest given anywhere."""

    version: int
    endorsed: int
    newest: int


def bump(thread: str) -> None:
    """Count one public change of the thread, in the current transaction."""
    connection = db.session.connection()
    connection.execute(COUNTERS[(connection.dialect.name, "version")], {"thread": thread})


# Count one more on a thread's counter ("version", "endorsed"; the row made at the first): per dialect, built once.
COUNTERS = {(name, key): insert(ThreadVersion.__table__).values(thread=bindparam("thread"), version=int(key == "version"),
                                                                endorsed=int(key == "endorsed")).on_conflict_do_update(
                index_elements=[ThreadVersion.__table__.c.thread], set_={key: ThreadVersion.__table__.c[key] + 1})
            for name, insert in (("postgresql", pg_insert), ("sqlite", sqlite_insert)) for key in ("version", "endorsed")}


def current(thread: str, engine: Engine) -> Version:
    """The thread's version and where its endorsements stand (0, 0, 0 before the first change). Every cached read asks it, so it goes
    straight to a pooled DBAPI connection: a sixth of the cost of a SQLAlchemy Connection."""
    sql, positional = _current_sql(engine.dialect)
    dbapi_error = engine.dialect.loaded_dbapi.Error
    try:
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(sql, (thread,) if positional else {"thread": thread})
            row = cursor.fetchone()
            cursor.close()
        finally:
            connection.close()  # back to the pool, which ends any transaction the read began
    except dbapi_error as error:  # as SQLAlchemy would raise it, for the error handlers (503)
        raise DBAPIError.instance(sql, [thread], error, dbapi_error) from error
    return Version(*row) if row else Version(0, 0, 0)


@functools.lru_cache(maxsize=8)
def _current_sql(dialect) -> tuple[str, bool]:
    newest = db.select(func.coalesce(func.max(table("endorsements", column("id")).c.id), literal_column("0"))).scalar_subquery()
    statement = db.select(ThreadVersion.version, ThreadVersion.endorsed, newest).where(ThreadVersion.thread == bindparam("thread"))
    return str(statement.compile(dialect=dialect)), dialect.positional
