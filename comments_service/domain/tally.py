"""The poll result: approved top-level comments per option, with whole percents that add up to 100."""

from __future__ import annotations

from sqlalchemy import func

from comments_service.domain.endorsements import Endorsement
from comments_service.domain.models import Comment, Status
from comments_service.domain.threads import Thread
from comments_service.infra.database import db


def counts(thread_id: str) -> dict[str, int]:
    """Approved top-level comments per category (replies carry no vote)."""
    rows = db.session.execute(
        db.select(Comment.category, func.count())
        .where(Comment.thread == thread_id, Comment.status == Status.APPROVED, Comment.parent_id.is_(None))
        .group_by(Comment.category)
    )
    return {category: count for category, count in rows}


def endorsement_sums(thread_id: str) -> dict[str, int]:
    """Per category, how many readers stand behind its approved answers (the endorsements are never votes)."""
    rows = db.session.execute(
        db.select(Comment.category, func.count(Endorsement.id)).join(Endorsement, Endorsement.comment_id == Comment.id)
        .where(Comment.thread == thread_id, Comment.status == Status.APPROVED, Comment.parent_id.is_(None))
        .group_by(Comment.category)
    )
    return dict(rows.all())


def largest_remainder(values: list[int]) -> list[int]:
    """Whole percents of values that sum to exactly 100 (all zeros when the total is 0)."""
    total = sum(values)
    if total == 0:
        return [0] * len(values)
    floors = [value * 100 // total for value in values]
    by_remainder = sorted(range(len(values)), key=lambda i: (-(values[i] * 100 % total), i))
    for index in by_remainder[: 100 - sum(floors)]:
        floors[index] += 1
    return floors


def poll_result(thread: Thread) -> dict:
    """The poll as visitors see it: question, options in front-matter order with count and percent, total; beside
    them the endorsements of each option's answers and their total."""
    per_option, endorsed = counts(thread.id), endorsement_sums(thread.id)
    values = [per_option.get(option.id, 0) for option in thread.poll.options]
    percents = largest_remainder(values)
    return {
        "question": thread.poll.question,
        "closed": thread.poll.closed,
        "options": [
            {"id": option.id, "label": option.label, "short": option.short, "count": count, "percent": percent,
             "endorsements": endorsed.get(option.id, 0)}
            for option, count, percent in zip(thread.poll.options, values, percents, strict=True)
        ],
        "total": sum(values),
        "endorsements": sum(endorsed.get(option.id, 0) for option in thread.poll.options),
    }


def ranked(options: list[dict]) -> list[dict]:
    """A poll result's options by count, most first; equal counts keep the front matter's order. Each is marked
    `leader` when it has the most answers (all that share the most, and none while nobody answered)."""
    most = max((option["count"] for option in options), default=0)
    return [option | {"leader": most > 0 and option["count"] == most}
            for option in sorted(options, key=lambda option: -option["count"])]
