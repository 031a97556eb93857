"""COMMENTS_ENV=production: what it refuses to start with, one line each, and its JSON logs without
personal data, under gunicorn as deployed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request

import pytest

from comments_service import create_app
from comments_service.settings.production import ProductionConfigError
from tests.support.server import gunicorn, post_json
from tests.support.site import ROOT

PUBLIC = "https://leiden-of-lijden.example"
PRODUCTION = {"ENV": "production", "SECRET_KEY": "s" * 48, "TRUSTED_PROXIES": 1, "PUBLIC_URL": PUBLIC}
GUNICORN_ENV = {"COMMENTS_ENV": "production", "COMMENTS_SECRET_KEY": "s" * 48, "COMMENTS_TRUSTED_PROXIES": "1",
                "COMMENTS_PUBLIC_URL": PUBLIC}


def test_a_complete_production_configuration_serves_no_site(make_sqlite_app):
    app = make_sqlite_app(**PRODUCTION, SERVE_SITE=True)
    assert app.config["SERVE_SITE"] is False and "site" not in app.blueprints


@pytest.mark.parametrize(("override", "expected"), [
    ({"SECRET_KEY": ""}, "needs COMMENTS_SECRET_KEY of at least 32 bytes"),
    ({"SECRET_KEY": "x"}, "needs COMMENTS_SECRET_KEY of at least 32 bytes"),
    ({"SECRET_KEY": "s" * 31}, "needs COMMENTS_SECRET_KEY of at least 32 bytes"),
    ({"DEBUG": True}, "must not run with debug on"),
    ({"TRUSTED_PROXIES": None}, "needs COMMENTS_TRUSTED_PROXIES"),
    ({"PUBLIC_URL": "http://leiden-of-lijden.example"}, "needs COMMENTS_PUBLIC_URL"),
    ({"PUBLIC_URL": "https://"}, "needs COMMENTS_PUBLIC_URL"),
    ({"PUBLIC_URL": "leiden-of-lijden.example"}, "needs COMMENTS_PUBLIC_URL"),
    ({"SESSION_COOKIE_SECURE": False}, "COMMENTS_SESSION_COOKIE_SECURE"),
    ({"SESSION_COOKIE_SECURE": "false"}, "COMMENTS_SESSION_COOKIE_SECURE"),
    ({"WTF_CSRF_ENABLED": False}, "needs CSRF protection"),
    ({"WTF_CSRF_ENABLED": "False"}, "needs CSRF protection"),
    ({"ENV": "Production", "SECRET_KEY": "x"}, "needs COMMENTS_SECRET_KEY"),  # any case is production
    ({"ENV": " PRODUCTION "}, None),
    ({"ENV": "prod"}, "COMMENTS_ENV must be development or production, not 'prod'"),
    ({"ENV": "staging"}, "COMMENTS_ENV must be development or production"),
])
def test_production_refuses_each_unsafe_setting_in_one_line(sqlite_url, make_sqlite_app, override, expected):
    if expected is None:
        assert make_sqlite_app(**{**PRODUCTION, **override}).config["ENV"] == "production"
        return
    with pytest.raises(ProductionConfigError) as refused:
        create_app({**PRODUCTION, "DATABASE_URL": sqlite_url, **override})
    assert len(refused.value.problems) == 1 and expected in refused.value.problems[0]
    assert "\n" not in refused.value.problems[0]


def test_development_needs_none_of_it(make_sqlite_app):
    assert make_sqlite_app(TRUSTED_PROXIES=None, DEBUG=True).config["ENV"] == "development"


def _gunicorn_refuses(sqlite_url: str, **env: str) -> list[dict]:
    environment = {**os.environ, "PORT": "1", "DATABASE_URL": sqlite_url, **GUNICORN_ENV, **env}
    environment = {name: value for name, value in environment.items() if value is not None}
    result = subprocess.run([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    return [json.loads(line) for line in result.stderr.strip().splitlines()]


SHARED = {"COMMENTS_RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1"}  # never reached: the start is refused first


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "rate limits in memory:// count per worker and there are 2 workers"),
    ({"COMMENTS_RATELIMIT_STORAGE_URI": "MEMORY://"}, "rate limits in memory:// count per worker"),
    ({"COMMENTS_TRUSTED_PROXIES": None, **SHARED}, "needs COMMENTS_TRUSTED_PROXIES"),
    ({"COMMENTS_PUBLIC_URL": None, **SHARED}, "needs COMMENTS_PUBLIC_URL"),
    ({"COMMENTS_PUBLIC_URL": "http://leiden-of-lijden.example", **SHARED}, "needs COMMENTS_PUBLIC_URL"),
    ({"COMMENTS_SECRET_KEY": "x", **SHARED}, "at least 32 bytes"),
    ({"COMMENTS_SESSION_COOKIE_SECURE": "false", **SHARED}, "COMMENTS_SESSION_COOKIE_SECURE"),
    ({"COMMENTS_WTF_CSRF_ENABLED": "false", **SHARED}, "needs CSRF protection"),
    ({"COMMENTS_ENV": "Production", "COMMENTS_SECRET_KEY": "x", **SHARED}, "at least 32 bytes"),
    ({"COMMENTS_ENV": "productie", **SHARED}, "COMMENTS_ENV must be development or production"),
])
def test_gunicorn_refuses_to_start_with_one_record_per_problem(sqlite_url, env, expected):
    errors = [record["message"] for record in _gunicorn_refuses(sqlite_url, **env) if record["level"] == "ERROR"]
    assert len(errors) == 1 and expected in errors[0] and "\n" not in errors[0], errors


def test_the_logs_are_json_lines_without_personal_data(sqlite_url, tmp_path):
    log = tmp_path / "gunicorn.log"
    address, name, email = "203.0.113.77", "Geheime Naam", "geheim@voorbeeld.nl"
    env = {**GUNICORN_ENV, "WEB_CONCURRENCY": "1", "GUNICORN_ACCESS_LOG": "-"}
    with gunicorn(sqlite_url, log, **env) as base:
        headers = {"X-Forwarded-For": address}
        status, _ = post_json(f"{base}/api/threads/leiden-of-lijden/comments",
                              {"author": name, "email": email, "body": "Eerst zelf bellen.", "category": "voorbeeld"},
                              headers=headers)
        assert status == 201
        status, _ = post_json(f"{base}/api/threads/leiden-of-lijden/comments", {"author": name, "email": "kapot"},
                              headers=headers)
        assert status == 400
        request = urllib.request.Request(f"{base}/api/health", headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.loads(response.read())["database"]["schema"]
    lines = log.read_text().splitlines()
    records = [json.loads(line) for line in lines]  # every line one JSON object
    assert {"time", "level", "logger", "message"} <= set(records[0])
    access = [record["message"] for record in records if record["logger"] == "gunicorn.access"]
    assert len(access) >= 3 and any(message.startswith("POST /api/threads/leiden-of-lijden/comments 201") for message in access)
    for secret in (address, name, email):
        assert secret not in log.read_text()
    print(f"{len(lines)} log lines, all JSON; {len(access)} access lines; no address, name or e-mail address")
