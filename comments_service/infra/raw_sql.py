"""SQLAlchemy statements run on a pooled DBAPI connection, for a hot write where a SQLAlchemy Connection costs more than
the statement (the endorsements): compiled once per dialect, every value put through its column type's bind
processing, as SQLAlchemy would. (The read every cached answer makes, domain/versions.py, goes to the driver the same
way, bare: one string parameter, no bind processing, no transaction to commit; this module's generality costs it a
third more.)"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from typing import Any, Iterator

from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement


class Prepared:
    """A statement compiled for one dialect: its SQL, and how to turn named values into the driver's parameters."""

    def __init__(self, statement: ClauseElement, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        names = compiled.positiontup if dialect.positional else list(compiled.binds)
        # Per parameter: its name, its type's processing, and the statement's own value (a status it compares with), if any.
        self.steps = [(name, compiled.binds[name].type.bind_processor(dialect),
                       None if compiled.binds[name].required else compiled.binds[name].effective_value) for name in names]
        self.positional = dialect.positional

    def parameters(self, values: dict[str, Any]) -> tuple | dict:
        processed = [(name, process(value) if process else value)
                     for name, process, fixed in self.steps for value in [values.get(name, fixed)]]
        return tuple(value for _, value in processed) if self.positional else dict(processed)

    def run(self, cursor, **values: Any):
        """Execute on a DBAPI cursor; the cursor is returned for fetchone()."""
        cursor.execute(self.sql, self.parameters(values))
        return cursor


@functools.lru_cache(maxsize=64)
def prepared(statement: ClauseElement, dialect: Dialect) -> Prepared:
    """The statement compiled for the dialect, once."""
    return Prepared(statement, dialect)


@contextmanager
def transaction(engine: Engine) -> Iterator[Any]:
    """A cursor on a pooled DBAPI connection for reads and then writes, committed at the end or rolled back; a driver
    error is raised as SQLAlchemy would raise it, for the app's error handlers (a 503 while the database is away).
    Call writing(cursor, dialect) before the first write."""
    dbapi_error = engine.dialect.loaded_dbapi.Error
    try:
        connection = engine.raw_connection()
        try:
            yield connection.cursor()
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.close()  # back to the pool
    except dbapi_error as error:
        raise DBAPIError.instance("(a prepared statement)", [], error, dbapi_error) from error


def writing(cursor, dialect: Dialect) -> None:
    """Take the write lock now: on SQLite a transaction begun IMMEDIATE, as the app's own writes are
    (infra/database.py), so it waits for the lock instead of failing; the reads before it ran outside it, each seeing
    the latest commit (SQLite takes one writer at a time: the less done under the lock, the more writers a second).
    PostgreSQL locks per row: nothing to do."""
    if dialect.name == "sqlite":
        cursor.execute("BEGIN IMMEDIATE")
