"""Fixtures shared by the whole suite."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from comments_service.domain import accounts
from tests.support.admin import QUICK, START, STRONG, log_in, make_admin
from tests.support.apps import app_maker, empty, migrated
from tests.support.browser import chromium
from tests.support.hook import HOOK
from tests.support.hook import START as HOOK_START
from tests.support.postgres import postgres_server
from tests.support.site import mkdocs_build
from tests.support.smtp import smtp_server
from tests.support.stub_server import stub_server
from tests.support.widget import served_post

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashes():
    """Admin passwords hashed with argon2id at a low cost in this process (servers the tests start keep the
    product's): see tests/support/admin.py."""
    accounts._hasher = QUICK
    accounts._dummy_hash.cache_clear()
    yield
    accounts._hasher = STRONG
    accounts._dummy_hash.cache_clear()


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
        return migrated(f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'comments.sqlite3'}")
    return migrated(request.getfixturevalue("postgres_url"))


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory):
    """A migrated SQLite database, for the tests whose behaviour no backend changes: they run once."""
    return migrated(f"sqlite:///{tmp_path_factory.mktemp('sqlite-only') / 'comments.sqlite3'}")


@pytest.fixture
def make_app(database_url):
    """Build apps on the emptied test database, with overrides; closed after the test."""
    with app_maker(database_url) as make:
        yield make


@pytest.fixture
def make_sqlite_app(sqlite_url):
    """make_app on SQLite only."""
    with app_maker(sqlite_url) as make:
        yield make


@pytest.fixture
def sqlite_app(make_sqlite_app):
    """The service on an emptied SQLite database."""
    return make_sqlite_app()


@pytest.fixture
def app(make_app):
    """The service on an emptied database."""
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def admin(app):
    """A client logged in as the blog's author, on the app."""
    make_admin(app)
    client = app.test_client()
    log_in(client)
    return client


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
def hooked(make_app):
    """An app whose build hook is a stub server, with a clock the test moves: (app, calls, [now], [status])."""
    status = [200]
    with stub_server(status) as (base, calls):
        now = [HOOK_START]
        app = make_app(BUILD_HOOK_URL=base + HOOK, BUILD_HOOK_INTERVAL_SECONDS=600, CLOCK=lambda: now[0])
        yield app, calls, now, status


@pytest.fixture
def wipe(database_url):
    """Empty the test database in the middle of a test (a restore into an empty database)."""
    return lambda: empty(database_url)


def pytest_terminal_summary(terminalreporter):
    """The figures the tests print (load, crashes, fuzzing, corpora), gathered at the end of the run."""
    figures = [(report.nodeid, content.strip()) for report in terminalreporter.stats.get("passed", [])
               for name, content in report.sections if name == "Captured stdout call" and content.strip()]
    if figures:
        terminalreporter.section("figures")
        for nodeid, content in figures:
            terminalreporter.write_line(f"{nodeid}\n    " + content.replace("\n", "\n    "))
