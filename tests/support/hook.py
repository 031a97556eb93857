"""The build hook in the rebuild tests (the `hooked` fixture, in conftest.py, serves it from a stub server): its
path, the call Netlify's takes, the clock's start, and what the app did with it."""

from __future__ import annotations

import threading
from datetime import datetime, timezone

from tests.support.background import settle

START = datetime(2026, 6, 1, 8, 0, tzinfo=timezone.utc)
HOOK = "/build_hooks/abc123"
CALL = f"POST {HOOK} application/json {{}}"  # what Netlify's build hook takes: an empty JSON object


def hook_timers(app) -> list[float]:
    """The seconds each timer the app set waits before it tries the hook again."""
    return [thread.interval for thread in app.extensions.get("background", []) if isinstance(thread, threading.Timer)]


def fired(app, calls: list, count: int) -> None:
    """Once the work after the commits is done, the hook has been called `count` times."""
    settle(app)
    assert len(calls) == count, calls
