"""Endorsing a published answer ("Dit zou ik ook doen") and taking it back, with the reader's random key: sent as
JSON by the widget, or kept in a first-party cookie for a form post without JavaScript, which then comes back to the
comment on the conversation's plain page (where the button shows what this browser endorsed)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from flask import Blueprint, Response, current_app, jsonify, make_response, redirect, render_template, request

from comments_service.domain import endorsements
from comments_service.domain.limits import READER_KEY
from comments_service.domain.models import Comment
from comments_service.infra.clients import reader_hash
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db
from comments_service.infra.ratelimit import endorse_limit, limiter
from comments_service.web.api.payload import is_form_post, read_payload
from comments_service.web.errors import ApiError
from comments_service.web.routes import COMMENT_ID

bp = Blueprint("endorsements", __name__, url_prefix="/api")
READER_COOKIE = "lezer"
COOKIE_AGE = timedelta(days=365)
BAD_KEY = "Je lezerssleutel ontbreekt of klopt niet. Vernieuw de pagina en probeer het opnieuw."


# One rule for both methods, so that an id too large for the database is a 404 for either (not a 405 for one).
@bp.route(f"/comments/{COMMENT_ID}/endorsements", methods=["POST", "DELETE"])
@limiter.limit(endorse_limit)
def endorsement(comment_id: int):
    """POST: stand behind a published answer: 201 the first time for this key, 200 after, with the answer's count.
    DELETE: take one's endorsement back: 204, also when this key had given none. (A JSON request is mostly answered
    before it gets here: web/api/endorsement_writes.py.)"""
    if request.method == "POST" and is_form_post():
        return _form_post(comment_id)
    key = reader_hash(_key(read_payload()))
    if request.method == "DELETE":
        endorsements.take_back(db.engine, comment_id, key, closed_threads(current_app))
        return "", 204
    count, new, _ = endorsements.endorse(db.engine, comment_id, key, utcnow(), closed_threads(current_app))
    return jsonify(id=comment_id, endorsements=count, endorsed=True), 201 if new else 200


def _key(data) -> str:
    key = data.get("reader") if isinstance(data, dict) else None
    if not isinstance(key, str) or not READER_KEY.fullmatch(key):
        raise ApiError(400, "invalid_reader", BAD_KEY, {"reader": BAD_KEY})
    return key


def _form_post(comment_id: int) -> Response:
    """The no-JavaScript button: endorse (or, with remove=1, take back) under the cookie's key, then 303 to the comment
    on the conversation's plain page."""
    cookie = request.cookies.get(READER_COOKIE, "")
    key = cookie if READER_KEY.fullmatch(cookie) else secrets.token_urlsafe(24)
    if request.form.get("remove") == "1":
        thread = endorsements.take_back(db.engine, comment_id, reader_hash(key), closed_threads(current_app))
    else:
        _, _, thread = endorsements.endorse(db.engine, comment_id, reader_hash(key), utcnow(), closed_threads(current_app))
    response = redirect(f"/api/threads/{thread}/reacties?at={comment_id}#reactie-{comment_id}", 303)
    if key != cookie:
        response.set_cookie(READER_COOKIE, key, max_age=COOKIE_AGE, path="/api/", httponly=True, samesite="Lax",
                            secure=current_app.config["PUBLIC_URL"].startswith("https://"))
    return response


def closed_threads(app) -> frozenset[str]:
    """The threads whose poll is closed: their endorsements are final too."""
    return frozenset(thread.id for thread in app.extensions["threads"].values() if thread.poll.closed)


def reader_of_request() -> str | None:
    """The hash of this browser's cookie key, when it has one (the conversation's plain page marks its endorsements)."""
    cookie = request.cookies.get(READER_COOKIE, "")
    return reader_hash(cookie) if READER_KEY.fullmatch(cookie) else None


def error_page(error: ApiError) -> Response | None:
    """A refused form post gets a small Dutch page, with the way back to its post; JSON keeps the envelope."""
    if not is_form_post():
        return None
    comment = db.session.get(Comment, (request.view_args or {}).get("comment_id", 0))
    thread = current_app.extensions["threads"].get(comment.thread) if comment else None
    return make_response(render_template("reader/message.html", title="Dat lukte niet", message=error.message,
                                         post_url=thread.path if thread else "/"))
