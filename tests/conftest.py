"""Fixtures shared by the whole suite."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy
from flask_migrate import upgrade

from comments_service import create_app
from comments_service.infra.database import db
from comments_service.settings.config import sqlalchemy_url
from tests.support.admin import START, make_admin
from tests.support.browser import chromium
from tests.support.config import TEST_CONFIG
from tests.support.postgres import postgres_server
from tests.support.site import mkdocs_build
from tests.support.smtp import smtp_server
from tests.support.widget import served_post

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site, built once per run with `mkdocs build --strict`."""
    dest = tmp_path_factory.mktemp("site")
    result = mkdocs_build(dest)
    assert result.returncode == 0, result.stderr
    return dest


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL 15 server, started once for the run."""
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory):
    """A migrated database on each backend: the tests that use it run on both."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'comments.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_url")
    app = create_app({**TEST_CONFIG, "DATABASE_URL": url})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return url


def _empty(database_url: str) -> None:
    # With a raw engine: an app would refuse to start on what an earlier test left behind.
    engine = sqlalchemy.create_engine(sqlalchemy_url(database_url))
    with engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(sqlalchemy.delete(table))
    engine.dispose()


@pytest.fixture
def make_app(database_url):
    """Build apps on the emptied test database, with overrides; their connections close after the test."""
    apps = []

    def make(**config):
        app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url, **config})
        apps.append(app)
        return app

    _empty(database_url)
    yield make
    for app in apps:
        for background in app.extensions.get("background", []):  # mail and build-hook threads, and timers
            if isinstance(background, threading.Timer):
                background.cancel()
            background.join(timeout=30)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    """The service on an emptied database."""
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def served(built_site, tmp_path):
    """The built site and the service from one app on a fresh SQLite file, and Chromium: (app, base, browser)."""
    with served_post(built_site, tmp_path / "comments.sqlite3") as (app, base), chromium() as browser:
        yield app, base, browser


@pytest.fixture
def clocked(make_app):
    """An app with the admin account and a clock the test moves: (app, client, [now])."""
    now = [START]
    app = make_app(CLOCK=lambda: now[0])
    make_admin(app)
    return app, app.test_client(), now


@pytest.fixture
def reader_mail(make_app):
    """(app, reader client, inbox, clock offset) with mail on and no author notices (NOTIFY_TO unset). The
    clock runs (the helpers that moderate use real time); a test moves it on through the offset."""
    offset = [timedelta(0)]
    with smtp_server() as (port, inbox):
        app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=port, MAIL_FROM="reacties@example.nl",
                       CLOCK=lambda: datetime.now(timezone.utc) + offset[0])
        yield app, app.test_client(), inbox, offset


@pytest.fixture
def wipe(database_url):
    """Empty the test database in the middle of a test (a restore into an empty database)."""
    return lambda: _empty(database_url)


def pytest_terminal_summary(terminalreporter):
    """The figures the tests print (load, crashes, fuzzing, corpora), gathered at the end of the run."""
    figures = [(report.nodeid, content.strip()) for report in terminalreporter.stats.get("passed", [])
               for name, content in report.sections if name == "Captured stdout call" and content.strip()]
    if figures:
        terminalreporter.section("figures")
        for nodeid, content in figures:
            terminalreporter.write_line(f"{nodeid}\n    " + content.replace("\n", "\n    "))
