"""One page of a thread's approved conversation: keyset pagination on (created_at, id), so a page
boundary stays put while comments are approved, and no page costs more than the one before it. Ordered by most
endorsed, the key is (endorsements, created_at, id), the endorsements counted per comment (the list is cached): an
answer whose count moves between two pages may be shown twice or skipped, as in any list ordered by a live count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_

from comments_service.domain.endorsements import COUNT_OF, counts
from comments_service.domain.limits import PAGE_SIZE
from comments_service.domain.models import Comment, Status
from comments_service.infra.database import db

SORTS = ("oldest", "newest", "endorsed")  # the first is the default


@dataclass(frozen=True)
class Position:
    """Where a page ended: the last top-level comment it showed."""

    created_at: datetime
    id: int
    endorsements: int = 0  # the answer's count, for the order by most endorsed


@dataclass(frozen=True)
class PageQuery:
    sort: str = SORTS[0]
    category: str | None = None
    after: Position | None = None
    limit: int = PAGE_SIZE


@dataclass(frozen=True)
class Page:
    conversation: list[tuple[Comment, list[Comment]]]  # top-level comments, each with its approved replies
    endorsements: dict[int, int]  # the endorsements of the top-level comments shown (none: left out)
    total: int  # approved top-level comments matching the query's category, on every page together
    next: Position | None  # where the next page starts after, or None on the last page


def approved_page(thread_id: str, query: PageQuery) -> Page:
    """The approved top-level comments after query.after in the query's order and category, with their replies."""
    matching = and_(Comment.thread == thread_id, Comment.status == Status.APPROVED, Comment.parent_id.is_(None),
                    *([Comment.category == query.category] if query.category is not None else []))
    select = db.select(Comment).where(matching)
    if query.after is not None:
        select = select.where(_beyond(query.after, query.sort))
    rows = db.session.scalars(select.order_by(*ORDERS[query.sort]).limit(query.limit + 1)).all()
    shown = rows[:query.limit]
    total = db.session.scalar(db.select(func.count()).select_from(Comment).where(matching))
    endorsed = counts([row.id for row in shown])
    last = shown[-1] if len(rows) > query.limit else None
    following = Position(last.created_at, last.id, endorsed.get(last.id, 0)) if last else None
    return Page([(row, replies) for row, replies in zip(shown, _replies([row.id for row in shown]))], endorsed, total, following)


ORDERS = {"oldest": (Comment.created_at, Comment.id), "newest": (Comment.created_at.desc(), Comment.id.desc()),
          "endorsed": (COUNT_OF.desc(), Comment.created_at, Comment.id)}


def _beyond(position: Position, sort: str):
    """Comments after position in the page's order (the id breaks ties between equal times)."""
    if sort == "newest":
        return or_(Comment.created_at < position.created_at,
                   and_(Comment.created_at == position.created_at, Comment.id < position.id))
    later = or_(Comment.created_at > position.created_at,
                and_(Comment.created_at == position.created_at, Comment.id > position.id))
    if sort == "endorsed":
        return or_(COUNT_OF < position.endorsements, and_(COUNT_OF == position.endorsements, later))
    return later


def _replies(parent_ids: list[int]) -> list[list[Comment]]:
    """The approved replies of each parent, oldest first, in the parents' order."""
    by_parent: dict[int, list[Comment]] = {parent: [] for parent in parent_ids}
    if parent_ids:
        rows = db.session.scalars(
            db.select(Comment).where(Comment.parent_id.in_(parent_ids), Comment.status == Status.APPROVED)
            .order_by(Comment.created_at, Comment.id)).all()
        for row in rows:
            by_parent[row.parent_id].append(row)
    return [by_parent[parent] for parent in parent_ids]


def starting_at(thread_id: str, comment_id: int, sort: str) -> Position | None:
    """The position just before an approved comment of the thread (its comment, for a reply), so that the page
    after it opens with that comment; None when the thread has no such published comment."""
    comment = db.session.get(Comment, comment_id)
    if comment is not None and comment.parent_id is not None and comment.status == Status.APPROVED:
        comment = db.session.get(Comment, comment.parent_id)
    if comment is None or comment.thread != thread_id or comment.status != Status.APPROVED:
        return None
    before = comment.id + 1 if sort == "newest" else comment.id - 1
    return Position(comment.created_at, before, counts([comment.id]).get(comment.id, 0))
