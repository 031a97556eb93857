"""Reading, posting and withdrawing comments."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, jsonify, redirect, request

from comments_service import comments as domain
from comments_service.api import bp
from comments_service.api.caching import conditional_json
from comments_service.api.payload import is_form_post, read_payload
from comments_service.api.return_to import received_location
from comments_service.api.serialize import iso, public_comment
from comments_service.api.threads import thread_or_404
from comments_service.clients import client_hash
from comments_service.clock import utcnow
from comments_service.database import db
from comments_service.errors import ApiError
from comments_service.models import Status
from comments_service.notify import queue_new_comment
from comments_service.outbox import deliver_in_background
from comments_service.ratelimit import limiter, post_limit
from comments_service.schemas import parse_comment


@bp.get("/threads/<thread>/comments")
def list_comments(thread: str):
    """The approved conversation of a thread."""
    found = thread_or_404(thread)
    conversation = domain.approved_conversation(found.id)
    return conditional_json([public_comment(comment, found, replies) for comment, replies in conversation])


@bp.post("/threads/<thread>/comments")
@limiter.limit(post_limit)
def create_comment(thread: str):
    """Take a comment or reply for moderation."""
    found = thread_or_404(thread)
    data = read_payload()
    new = parse_comment(data, found.poll, current_app.extensions["reserved_names"])
    now = utcnow()
    comment, token = domain.post_comment(found, new, client_hash(), now)
    mailed = comment.status == Status.PENDING and queue_new_comment(comment, found, now)
    db.session.commit()
    if mailed:
        deliver_in_background(current_app._get_current_object())
    if is_form_post():
        return redirect(received_location(data.get("return_to"), found.path), 303)
    body = public_comment(comment, found) | {
        "parent_id": comment.parent_id,
        "status": "pending",  # a bot's comment is stored as spam but must look accepted
        "token": token,
        "withdraw_until": iso(now + _withdraw_window()),
    }
    return jsonify(body), 201


@bp.delete("/comments/<int(max=2147483647):comment_id>")
def withdraw_comment(comment_id: int):
    """Withdraw one's own pending comment with the token its POST returned."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "token_required", "Stuur het intrekbewijs mee (Authorization: Bearer ...).",
                       headers={"WWW-Authenticate": "Bearer"})
    domain.withdraw_comment(comment_id, token.strip(), utcnow(), _withdraw_window())
    db.session.commit()
    return "", 204


def _withdraw_window() -> timedelta:
    return timedelta(seconds=current_app.config["WITHDRAW_SECONDS"])
