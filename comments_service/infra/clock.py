"""The current time: aware UTC, replaceable by the tests through the CLOCK setting; and how a time is written."""

from __future__ import annotations

from datetime import datetime, timezone

from flask import current_app


def utcnow(config=None) -> datetime:
    """Now, in UTC; a test passes its own time in with CLOCK (a callable) instead of sleeping. With the current app's
    config unless given one (a layer in front of Flask)."""
    clock = (config or current_app.config).get("CLOCK")
    return clock() if clock else datetime.now(timezone.utc)


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, to the second."""
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
