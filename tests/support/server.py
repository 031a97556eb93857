"""The service under gunicorn, as in production, on a free loopback port."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.support.ports import free_port
from tests.support.site import ROOT


@contextmanager
def gunicorn(database_url: str, log: Path, **env: str):
    """Start `gunicorn -c gunicorn.conf.py`; yield the base URL once /api/health answers."""
    with gunicorn_process(database_url, log, **env) as (base, _process):
        yield base


@contextmanager
def gunicorn_process(database_url: str, log: Path, port: int | None = None, **env: str):
    """As gunicorn(), yielding (base URL, master process); the master leads its own process group, so
    that a test can kill it and its workers at once."""
    port = port or free_port()
    environment = {**os.environ, "PORT": str(port), "DATABASE_URL": database_url,
                   "COMMENTS_SECRET_KEY": "test-secret", "COMMENTS_SERVE_SITE": "false", **env}
    with log.open("a") as out:
        process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=ROOT,
                                   env=environment, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not _healthy(base):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=30)


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/api/health", timeout=2) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def post_json(url: str, payload: dict, timeout: float = 60, headers: dict | None = None) -> tuple[int, dict]:
    """POST JSON; the status and the decoded body, whatever the status."""
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")
