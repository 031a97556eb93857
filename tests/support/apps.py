"""Building the service for a test, in one place: the test settings, a migrated database, and an app's
end (its background work waited for, its connections closed)."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import sqlalchemy
from flask import Flask
from flask_migrate import upgrade

from comments_service import create_app
from comments_service.infra.database import db
from comments_service.settings.config import sqlalchemy_url

# Rate limits off (the tests that need them turn them on); no static site unless a test serves it.
TEST_CONFIG = {"TESTING": True, "SECRET_KEY": "test-secret", "RATELIMIT_ENABLED": False, "SERVE_SITE": False,
               "ENDORSEMENT_LAG_SECONDS": 0}  # the read cache shows endorsements at once (tests of the lag set one)


def build_app(database_url: str, **config) -> Flask:
    """The service on this database with the test settings and these overrides."""
    return create_app({**TEST_CONFIG, "DATABASE_URL": database_url, **config})


def migrated(database_url: str) -> str:
    """Bring the database to the latest schema; returns its URL."""
    app = build_app(database_url)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return database_url


def empty(database_url: str) -> None:
    """Delete every row (with a raw engine: an app would refuse to start on what an earlier test left)."""
    engine = sqlalchemy.create_engine(sqlalchemy_url(database_url))
    with engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(sqlalchemy.delete(table))
    engine.dispose()


def close(app: Flask) -> None:
    """Wait for the app's background work (cancel its timers) and close its connections."""
    for background in app.extensions.get("background", []):  # mail and build-hook threads, and timers
        if isinstance(background, threading.Timer):
            background.cancel()
        background.join(timeout=30)
    with app.app_context():
        db.engine.dispose()


@contextmanager
def app_maker(database_url: str):
    """Yield make(**config): apps on the emptied database, each closed at the end."""
    apps = []

    def make(**config) -> Flask:
        apps.append(build_app(database_url, **config))
        return apps[-1]

    empty(database_url)
    try:
        yield make
    finally:
        for app in apps:
            close(app)
