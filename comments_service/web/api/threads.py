"""The threads the service knows, from the posts' front matter."""

from __future__ import annotations

from flask import current_app

from comments_service.domain.threads import Thread
from comments_service.web.errors import ApiError


def thread_or_404(thread_id: str) -> Thread:
    """The thread with this id, or a 404 in the envelope."""
    thread = current_app.extensions["threads"].get(thread_id)
    if thread is None:
        raise ApiError(404, "thread_not_found", "Deze blog bestaat niet of heeft geen reacties.")
    return thread
