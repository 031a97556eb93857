"""Waiting for the work an app does after the response (mail, the build hook), instead of sleeping."""

from __future__ import annotations

import threading


def settle(app, timeout: float = 15) -> None:
    """Join every background thread the app started (not the timers, which wait on purpose), including
    those started while waiting; then whatever they send has been sent."""
    while running := [thread for thread in app.extensions.get("background", [])
                      if thread.is_alive() and not isinstance(thread, threading.Timer)]:
        for thread in running:
            thread.join(timeout)
            assert not thread.is_alive(), "a background thread did not finish"
