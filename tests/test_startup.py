"""Stored answers that the front matter no longer declares stop the service until they are moved."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from comments_service.domain.stored_options import StartupError
from tests.support.apps import build_app
from tests.support.comments import THREAD, store_raw
from tests.support.site import ROOT


def flask(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "COMMENTS_SECRET_KEY": "test-secret"}
    return subprocess.run([sys.executable, "-m", "flask", "--app", "comments_service", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_the_service_refuses_to_start_and_says_why(app, database_url):
    store_raw(app, "bellen-met-de-baas", 3)
    with pytest.raises(StartupError) as caught:
        build_app(database_url)
    message = str(caught.value)
    assert "option 'bellen-met-de-baas'" in message and "3 comment(s)" in message
    assert f"comments recategorise {THREAD} bellen-met-de-baas NEW_OPTION" in message


def test_flask_serve_refuses_too(app, database_url):
    store_raw(app, "weg", 1)
    result = flask(database_url, "serve", "--port", "1")
    assert result.returncode != 0 and "option 'weg'" in result.stderr


def test_recategorise_moves_them_and_the_service_starts(app, database_url, make_app):
    store_raw(app, "weg", 2)
    result = flask(database_url, "comments", "recategorise", THREAD, "weg", "anders")
    assert result.returncode == 0, result.stderr
    assert "moved 2 comment(s)" in result.stdout
    client = make_app().test_client()
    poll = client.get(f"/api/threads/{THREAD}/poll").get_json()
    assert poll["options"][-1]["count"] == 2


def test_recategorise_refuses_an_undeclared_target(app, database_url):
    store_raw(app, "weg", 1)
    result = flask(database_url, "comments", "recategorise", THREAD, "weg", "ook-weg")
    assert result.returncode != 0 and "'ook-weg' is not an option" in result.stderr
