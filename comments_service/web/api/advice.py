"""The author's advice of a thread, once published: its text, the approaches it recommends, how many readers agree,
and the tally before and after the reveal. A 404 in the Dutch envelope until then."""

from __future__ import annotations

from flask import current_app

from comments_service.domain.advice import publish_due
from comments_service.domain.advice_view import published_advice
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db
from comments_service.web.api import bp
from comments_service.web.api.read_cache import json_bytes
from comments_service.web.api.threads import thread_or_404
from comments_service.web.errors import ApiError

NOT_YET = "Het advies van de redactie staat (nog) niet online."


@bp.get("/threads/<thread>/advice")
def get_advice(thread: str):
    """The published advice; a scheduled one whose time has come is published first."""
    found = thread_or_404(thread)
    if publish_due(found.id, utcnow()):
        db.session.commit()

    def build() -> bytes:
        view = published_advice(found)
        if view is None:
            raise ApiError(404, "advice_not_published", NOT_YET)
        return json_bytes(view)

    return current_app.extensions["read_cache"].versioned(found.id, "advice", build)
