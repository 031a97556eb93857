"""The poll result of a thread."""

from __future__ import annotations

from flask import current_app

from comments_service.api import bp
from comments_service.api.read_cache import json_bytes
from comments_service.api.threads import thread_or_404
from comments_service.tally import poll_result


@bp.get("/threads/<thread>/poll")
def get_poll(thread: str):
    """Question, options with count and percent, and the total of approved answers."""
    found = thread_or_404(thread)
    return current_app.extensions["read_cache"].versioned(found.id, "poll", lambda: json_bytes(poll_result(found)))
