"""Work done after the response, in a daemon thread with the app's context (mail, the build hook).

The threads are kept in app.extensions["background"], so that whoever stops the app (a test) can wait
for them, or cancel the ones still waiting on a timer."""

from __future__ import annotations

import threading
from typing import Callable

from flask import Flask


def run_later(app: Flask, work: Callable[[], object], delay_seconds: float = 0) -> threading.Thread:
    """Run work(), in the app's context, in a daemon thread, after delay_seconds."""

    def run():
        with app.app_context():
            work()

    thread = threading.Timer(delay_seconds, run) if delay_seconds else threading.Thread(target=run)
    thread.daemon = True
    app.extensions.setdefault("background", []).append(thread)
    thread.start()
    return thread
