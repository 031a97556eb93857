"""The published advice as visitors see it: its text, the approaches it recommends, how many readers chose one of
them, and the tally split at the reveal (an answer written after it may just echo the advice; one written before
cannot). Whole numbers only, like the tally."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func

from comments_service.domain.advice import AdviceState, find, published
from comments_service.domain.models import Comment, Status
from comments_service.domain.tally import largest_remainder
from comments_service.domain.threads import Thread
from comments_service.infra.clock import iso
from comments_service.infra.database import db


def percent(count: int, total: int) -> int:
    """count of total as a whole percent, halves rounded up (0 when total is 0)."""
    return (200 * count + total) // (2 * total) if total else 0


def _counts(thread_id: str, published_at: datetime) -> dict[bool, dict[str, int]]:
    """Approved top-level answers per option, written before (False) and after (True) the reveal."""
    after = Comment.created_at >= published_at
    rows = db.session.execute(db.select(after, Comment.category, func.count()).where(
        Comment.thread == thread_id, Comment.status == Status.APPROVED, Comment.parent_id.is_(None))
        .group_by(after, Comment.category))
    counts: dict[bool, dict[str, int]] = {False: {}, True: {}}
    for later, category, count in rows:
        counts[bool(later)][category] = count
    return counts


def _tally(thread: Thread, per_option: dict[str, int]) -> dict:
    values = [per_option.get(option_id, 0) for option_id in thread.poll.option_ids]
    return {"total": sum(values), "options": [{"id": option_id, "count": count, "percent": share} for option_id, count, share
                                              in zip(thread.poll.option_ids, values, largest_remainder(values), strict=True)]}


def published_advice(thread: Thread) -> dict | None:
    """The advice's public answer, or None while it is not published."""
    advice = published(thread.id)
    if advice is None:
        return None
    counts = _counts(thread.id, advice.published_at)
    before, after = _tally(thread, counts[False]), _tally(thread, counts[True])
    total = before["total"] + after["total"]
    agreeing = sum(option["count"] for split in (before, after) for option in split["options"] if option["id"] in advice.option_ids)
    return {"body_html": advice.body_html, "options": advice.option_ids, "published_at": iso(advice.published_at),
            "agreement": {"count": agreeing, "total": total, "percent": percent(agreeing, total)},
            "before": before, "after": after}


def advice_status(thread: Thread) -> dict | None:
    """What the poll tells visitors of the advice: {"state": "published"}, or when a scheduled one follows
    ({"state": "scheduled", "at": ISO time or None, "after": answers or None}); None for a draft or none at all."""
    advice = find(thread.id)
    if advice is not None and advice.state == AdviceState.PUBLISHED:
        return {"state": "published"}
    if advice is not None and advice.state == AdviceState.SCHEDULED:
        return {"state": "scheduled", "at": iso(advice.publish_at), "after": advice.publish_after}
    return None
