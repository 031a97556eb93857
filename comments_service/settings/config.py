"""Configuration layers: defaults, the instance file, COMMENTS_* variables and DATABASE_URL."""

from __future__ import annotations

import logging
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

from flask import Flask

from comments_service.settings.production import ProductionConfigError, environment, problems

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
PROJECT_ROOT = PACKAGE_ROOT.parent


class Defaults:
    """Defaults for a local run; production overrides them through the environment."""

    ENV = "development"  # COMMENTS_ENV=production: no static site, a secret key must be given
    DOCS_DIR = str(PROJECT_ROOT / "docs")
    AUTHORS_FILE = "blog/.authors.yml"
    POST_PATH_FORMAT = "/blog/{slug}/"
    SITE_DIR = str(PROJECT_ROOT / "site")
    OVERRIDES_DIR = str(PROJECT_ROOT / "overrides")  # the site's templates: the comment form's fields are shared
    SERVE_SITE = True
    PUBLIC_URL = "http://127.0.0.1:8000"
    MAX_CONTENT_LENGTH = 64 * 1024
    SQLITE_BUSY_TIMEOUT_MS = 5000
    # WAL with NORMAL: a commit is durable against a crash of the service (kill -9 loses nothing) but not
    # against a power cut, which may drop the last commits (the database stays intact). FULL syncs the
    # disk on every commit, at about half the posts per second (bench/RESULTS.md).
    SQLITE_SYNCHRONOUS = "NORMAL"
    WITHDRAW_SECONDS = 15 * 60
    ENDORSEMENT_LAG_SECONDS = 1.0  # how late the cached answers may show endorsements (read_cache.py)
    CLIENT_IPV6_PREFIX = 64  # IPv6 clients are counted per network of this many bits (one subscriber's /64)
    TRUSTED_PROXIES = None  # the proxy hops in front; production must set it (0 when none)
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_POST = "5 per minute;30 per day"  # comments taken (a refused post does not count)
    RATELIMIT_POST_ATTEMPTS = "30 per minute;300 per day"  # every try, taken or refused
    RATELIMIT_DATA_LINK = "5 per hour"  # asking for the data page's link, per client
    RATELIMIT_ENDORSE = "30 per minute;500 per day"  # endorsements given or taken back, per client
    RATELIMIT_LOGIN = "10 per minute;60 per hour"  # login tries per client, counted before any password is hashed
    RATELIMIT_LOGIN_ACCOUNT = "30 per hour"  # wrong passwords per account from all clients; known browsers pass
    RATELIMIT_HEADERS_ENABLED = True
    SMTP_HOST = None  # mail is off until a host and NOTIFY_TO are set
    SMTP_PORT = 25
    SMTP_SECURITY = "none"  # none, starttls or ssl
    SMTP_USERNAME = None
    SMTP_PASSWORD = None
    MAIL_FROM = "reacties@localhost"
    NOTIFY_TO = None
    AUTHOR_MAIL = "each"  # each: a mail per new comment; hour or day: at most one digest mail per hour or per day
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    SESSION_COOKIE_PATH = "/admin"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = None  # None: Secure whenever PUBLIC_URL is https
    WTF_CSRF_TIME_LIMIT = 12 * 3600
    BUILD_HOOK_URL = None  # a Netlify build hook: the site is rebuilt when the public conversation changes
    BUILD_HOOK_INTERVAL_SECONDS = 600
    BUILD_HOOK_TIMEOUT_SECONDS = 10
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True  # a Redis outage falls back to per-process limits


AUTHOR_MAIL_CHOICES = ("each", "hour", "day")


def load_config(app: Flask, test_config: dict | None) -> None:
    """Apply the layers in order; later layers win."""
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("COMMENTS")
    if "DATABASE_URL" in os.environ:
        app.config["DATABASE_URL"] = os.environ["DATABASE_URL"]
    if test_config:
        app.config.from_mapping(test_config)
    app.config.setdefault("DATABASE_URL", f"sqlite:///{Path(app.instance_path) / 'comments.sqlite3'}")
    app.config["SQLALCHEMY_DATABASE_URI"] = sqlalchemy_url(app.config["DATABASE_URL"])
    # The site's origin, once without a trailing slash: every link is PUBLIC_URL plus an absolute path.
    app.config["PUBLIC_URL"] = app.config["PUBLIC_URL"].rstrip("/")
    if app.config["SESSION_COOKIE_SECURE"] is None:
        app.config["SESSION_COOKIE_SECURE"] = app.config["PUBLIC_URL"].startswith("https://")
    app.config["ENV"] = environment(app.config["ENV"])
    if app.config["AUTHOR_MAIL"] not in AUTHOR_MAIL_CHOICES:
        raise ValueError(f"COMMENTS_AUTHOR_MAIL is {app.config['AUTHOR_MAIL']!r}; choose one of {', '.join(AUTHOR_MAIL_CHOICES)}")
    if app.config["ENV"] == "production":
        app.config["SERVE_SITE"] = False  # Netlify serves the site; the service only answers /api and /admin
        # A database error's text would otherwise carry the statement's values (names, e-mail addresses).
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}), "hide_parameters": True}
        found = problems(app.config)
        if found:
            raise ProductionConfigError(found)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))


def sqlalchemy_url(url: str) -> str:
    """Map the usual postgres:// and postgresql:// forms onto the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _instance_secret(instance: Path) -> str:
    """A random key kept in the instance folder, so a local run keeps its sessions and hashes."""
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def refuse_unsafe_start(workers: int, log: logging.Logger) -> None:
    """For gunicorn's master before it forks (gunicorn.conf.py): log the problems, one record each, and exit."""
    app = Flask("comments_service", instance_relative_config=True)
    try:
        load_config(app, None)
        found = problems(app.config, workers) if app.config["ENV"] == "production" else []
    except ProductionConfigError as error:
        found = error.problems
    for line in found:
        log.error(line)
    if found:
        sys.exit(1)
