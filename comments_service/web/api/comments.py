"""Reading, posting and withdrawing comments."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from flask import current_app, jsonify, redirect, request
from sqlalchemy.exc import IntegrityError

from comments_service.domain import comments as domain
from comments_service.domain import idempotency
from comments_service.domain.advice import published
from comments_service.domain.listing import approved_page
from comments_service.domain.models import Status
from comments_service.domain.validation import parse_comment
from comments_service.infra.clients import client_hash
from comments_service.infra.clock import iso, utcnow
from comments_service.infra.database import db
from comments_service.infra.ratelimit import accepted, attempt_limit, limiter, post_limit
from comments_service.mail import reader as reader_mail
from comments_service.mail.author import queue_new_comment
from comments_service.site.feed import atom_feed
from comments_service.web.api import bp
from comments_service.web.api.listing import canonical, page_query
from comments_service.web.api.payload import is_form_post, read_payload
from comments_service.web.api.read_cache import json_bytes
from comments_service.web.api.return_to import received_location
from comments_service.web.api.serialize import public_comment
from comments_service.web.api.threads import thread_or_404
from comments_service.web.errors import ApiError
from comments_service.web.routes import COMMENT_ID


@bp.get("/threads/<thread>/comments")
def list_comments(thread: str):
    """One page of the approved conversation of a thread, with the link to the next."""
    found = thread_or_404(thread)
    query = page_query(request.args, found)

    def build():
        page = approved_page(found.id, query)
        headers = [("X-Total-Count", str(page.total))]
        if page.next is not None:
            following = canonical(replace(query, after=page.next))
            headers.append(("Link", f'<{request.path}?{following}>; rel="next"'))
        return json_bytes([public_comment(comment, found, replies, page.endorsements.get(comment.id, 0))
                           for comment, replies in page.conversation]), headers

    return current_app.extensions["read_cache"].versioned(found.id, "comments", build, canonical(query))


@bp.get("/threads/<thread>/comments.atom")
def comments_feed(thread: str):
    """The approved conversation of a thread as an Atom feed, newest first."""
    found = thread_or_404(thread)
    return current_app.extensions["read_cache"].versioned(found.id, "comments.atom", lambda: atom_feed(
        found, domain.approved_conversation(found.id), current_app.config["PUBLIC_URL"], published(found.id)))


@bp.post("/threads/<thread>/comments")
@limiter.limit(post_limit, deduct_when=accepted)
@limiter.limit(attempt_limit)
def create_comment(thread: str):
    """Take a comment or reply for moderation."""
    found = thread_or_404(thread)
    data = read_payload()
    key, client, now = idempotency.checked(request.headers.get("Idempotency-Key")), client_hash(), utcnow()
    sent = idempotency.fingerprint(found.id, data)
    comment = idempotency.earlier(client, key, sent, now)
    if comment is not None:  # a retry of a post that was stored: the same comment, a fresh token
        token = domain.renew_token(comment)
        db.session.commit()
        return _created(comment, found, token, data)
    new = parse_comment(data, found.poll, current_app.extensions["reserved_names"])
    comment, token = domain.post_comment(found, new, client, now)
    idempotency.remember(client, key, sent, comment, now)
    if comment.status == Status.PENDING:  # mail goes out after the commit (outbox)
        queue_new_comment(comment, found, now)
        reader_mail.opt_in(comment, now)
    answer = _created(comment, found, token, data)  # before the commit, which would expire what it reads
    try:
        db.session.commit()
    except IntegrityError:  # the same key, posted twice at once: the other request stored it
        db.session.rollback()
        comment = idempotency.earlier(client, key, sent, now)
        if comment is None:
            raise
        token = domain.renew_token(comment)
        answer = _created(comment, found, token, data)
        db.session.commit()
    return answer


def _created(comment, found, token: str, data):
    if is_form_post():
        return redirect(received_location(data.get("return_to"), found.path), 303)
    body = public_comment(comment, found) | {
        "body": comment.body,  # the writer's own text, as they sent it
        "parent_id": comment.parent_id,
        "status": "pending",  # a bot's comment is stored as spam but must look accepted
        "token": token,
        "withdraw_until": iso(comment.created_at + _withdraw_window()),
    }
    return jsonify(body), 201


@bp.delete(f"/comments/{COMMENT_ID}")
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
