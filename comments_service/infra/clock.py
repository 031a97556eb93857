"""The current time: aware UTC, replaceable by the tests through the CLOCK setting."""

from __future__ import annotations

from datetime import datetime, timezone

from flask import current_app


def utcnow() -> datetime:
    """Now, in UTC; a test passes its own time in with CLOCK (a callable) instead of sleeping."""
    clock = current_app.config.get("CLOCK")
    return clock() if clock else datetime.now(timezone.utc)
