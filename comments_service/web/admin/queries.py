"""What the queue shows: the comments by filter, counts per status, flags that help decide, the trail."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import case, func, or_
from sqlalchemy.orm import selectinload

from comments_service.domain.audit import AuditEntry
from comments_service.domain.endorsements import bursts
from comments_service.domain.limits import ENDORSEMENT_BURST
from comments_service.domain.models import Comment, Status
from comments_service.infra.database import db
from comments_service.web.admin.trail import described

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
PAGE_SIZE = 50  # comments per page of the queue
SHORT = 15


@dataclass
class Filters:
    """The queue's filters, from the query string; empty means all."""

    status: str = ""
    thread: str = ""
    category: str = ""
    q: str = ""
    page: int = 1


@dataclass
class Row:
    comment: Comment
    flags: list[str] = field(default_factory=list)
    trail: list[dict] = field(default_factory=list)


BURST = f"meer dan {ENDORSEMENT_BURST} keer “lezers eens” binnen een minuut"


def status_counts() -> dict[Status, int]:
    """Comments per status, every status present."""
    counts = dict(db.session.execute(db.select(Comment.status, func.count()).group_by(Comment.status)).all())
    return {status: counts.get(status, 0) for status in Status}


def queue(filters: Filters) -> tuple[list[Row], bool]:
    """One page of the filtered comments, pending first, newest first within a status, with flags and
    trail; and whether another page follows."""
    query = db.select(Comment)
    if filters.status in {status.value for status in Status}:
        query = query.where(Comment.status == Status(filters.status))
    if filters.thread:
        query = query.where(Comment.thread == filters.thread)
    if filters.category:
        query = query.where(Comment.category == filters.category)
    if filters.q:
        query = query.where(or_(*(column.icontains(filters.q, autoescape=True)
                                  for column in (Comment.author, Comment.body, Comment.email))))
    pending_first = case((Comment.status == Status.PENDING, 0), else_=1)
    comments = db.session.scalars(query.options(selectinload(Comment.parent))  # a reply's card names its comment
                                  .order_by(pending_first, Comment.created_at.desc(), Comment.id.desc())
                                  .offset((filters.page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)).all()
    more, comments = len(comments) > PAGE_SIZE, comments[:PAGE_SIZE]
    spam, burst = _spam_senders(), bursts([comment.id for comment in comments])
    trails = _trails([comment.id for comment in comments])
    threads = current_app.extensions["threads"]
    return [Row(comment, _flags(comment, spam) + ([BURST] if comment.id in burst else []),
                [described(entry, threads.get(comment.thread)) for entry in trails.get(comment.id, [])])
            for comment in comments], more


@dataclass(frozen=True)
class SpamSenders:
    """Who sent what was marked spam: their e-mail addresses, and (network, name) pairs. A network alone says
    nothing: an office or a school shares one, and one spammer there must not taint every colleague."""

    addresses: frozenset[str]
    named: frozenset[tuple[str, str]]


def _name(author: str) -> str:
    return " ".join(author.casefold().split())


def _spam_senders() -> SpamSenders:
    rows = db.session.execute(db.select(Comment.email_key, Comment.client_hash, Comment.author).distinct()
                              .where(Comment.status == Status.SPAM)).all()
    return SpamSenders(frozenset(email for email, _, _ in rows if email),
                       frozenset((client, _name(author)) for _, client, author in rows if client and author))


def _flags(comment: Comment, spam: SpamSenders) -> list[str]:
    flags = []
    if "<a " in comment.body_html or LINK.search(comment.body):
        flags.append("bevat links")
    if len(comment.body) < SHORT:
        flags.append("erg kort")
    if comment.status != Status.SPAM:
        if comment.email_key and comment.email_key in spam.addresses:
            flags.append("e-mailadres eerder bij spam gebruikt")
        elif comment.client_hash and (comment.client_hash, _name(comment.author)) in spam.named:
            flags.append("zelfde naam en netwerk als eerdere spam")
    return flags


def _trails(ids: list[int]) -> dict[int, list[dict]]:
    entries = db.session.scalars(db.select(AuditEntry).where(AuditEntry.comment_id.in_(ids)).order_by(AuditEntry.id))
    trails: dict[int, list[dict]] = {}
    for entry in entries:
        trails.setdefault(entry.comment_id, []).append({
            "actor": entry.actor, "action": entry.action, "at": entry.at,
            "before": _snapshot(entry.before), "after": _snapshot(entry.after),
        })
    return trails


def _snapshot(stored: str | None) -> dict | None:
    """A trail entry's stored fields; None for what is not a JSON object (a damaged row shows no details)."""
    try:
        value = json.loads(stored) if stored else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
