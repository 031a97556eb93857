"""The database: Flask-SQLAlchemy with a naming convention, SQLite tuned for concurrent writers."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

import click
from flask import Flask, has_request_context, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

from comments_service.settings.config import PACKAGE_ROOT

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


def insert_if_missing(model, **values) -> None:
    """INSERT the row unless its key is taken (by anyone, at the same moment too): ON CONFLICT DO NOTHING."""
    insert = postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert
    db.session.execute(insert(model).values(**values).on_conflict_do_nothing())


def init_database(app: Flask) -> None:
    """Bind the extensions; on SQLite, set WAL and the busy timeout and begin writes IMMEDIATE."""
    db.init_app(app)
    if app.config["ENV"] != "production" or click.get_current_context(silent=True) is not None:
        # Migrations are for the command line (`flask db upgrade`) and the tests; a production web
        # worker does without Alembic and the memory it takes (about 10 MB a worker).
        from flask_migrate import Migrate

        Migrate(directory=str(PACKAGE_ROOT / "migrations"), render_as_batch=True).init_app(app, db)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            _tune_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"], app.config["SQLITE_SYNCHRONOUS"])


def _tune_sqlite(engine: Engine, busy_timeout_ms: int, synchronous: str) -> None:
    if synchronous.upper() not in {"NORMAL", "FULL", "EXTRA"}:
        raise ValueError(f"COMMENTS_SQLITE_SYNCHRONOUS must be NORMAL, FULL or EXTRA, not {synchronous!r}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy emit BEGIN itself (below) instead of pysqlite's implicit, deferred one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA synchronous = {synchronous.upper()}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A deferred transaction that reads and then writes fails with "database is locked" at once,
        # whatever the busy timeout; IMMEDIATE takes the write lock up front and so waits for it.
        # Reads run without a transaction of their own: each statement sees the latest commit, which
        # the caches keyed by thread version tolerate, and it saves two round trips per request.
        if not _reads_only():
            connection.exec_driver_sql("BEGIN IMMEDIATE")


_reading: ContextVar[bool] = ContextVar("reading", default=False)


@contextmanager
def reading():
    """Mark work outside a request (a start-up check, a listing) as read-only: it begins deferred."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def _reads_only() -> bool:
    return _reading.get() or (has_request_context() and request.method in READ_METHODS)
