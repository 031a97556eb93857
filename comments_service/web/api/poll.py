"""The poll result of a thread."""

from __future__ import annotations

from flask import current_app

from comments_service.domain.advice_view import advice_status
from comments_service.domain.tally import poll_result
from comments_service.web.api import bp
from comments_service.web.api.read_cache import json_bytes
from comments_service.web.api.threads import thread_or_404


@bp.get("/threads/<thread>/poll")
def get_poll(thread: str):
    """Question, options with count and percent, the total of approved answers, and whether the author's advice is
    published or when it follows."""
    found = thread_or_404(thread)
    return current_app.extensions["read_cache"].versioned(
        found.id, "poll", lambda: json_bytes(poll_result(found) | {"advice": advice_status(found)}))
