"""Readers who would do the same ("Dit zou ik ook doen"): one endorsement per reader key and published answer, given
and taken back without an account. The key is the reader's own random secret; only a keyed hash of it is stored, and
that hash goes after 30 days with the client hashes (privacy.py). The count is kept on the comment, in the same
transaction as the row, so the list can be ordered by it; it counts while the comment is public."""

from __future__ import annotations

from collections import deque
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, bindparam, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column

from comments_service.domain.errors import DomainError
from comments_service.domain.limits import ENDORSEMENT_BURST, ENDORSEMENT_BURST_WINDOW
from comments_service.domain.models import Comment, Status, UTCDateTime
from comments_service.domain.versions import touch
from comments_service.infra.database import db

NOT_ENDORSABLE = "Deze reactie bestaat niet (meer) of is nog niet gepubliceerd: je kunt er (nog) niet achter staan."


class Endorsement(db.Model):
    """One reader standing behind one published answer."""

    __tablename__ = "endorsements"
    __table_args__ = (UniqueConstraint("comment_id", "reader_hash"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    reader_hash: Mapped[str | None] = mapped_column(String(64))  # None once purged: the endorsement still counts
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


COMMENTS, ENDORSEMENTS = Comment.__table__, Endorsement.__table__
PUBLIC = (COMMENTS.c.status == Status.APPROVED, COMMENTS.c.parent_id.is_(None), COMMENTS.c.withdrawn_at.is_(None))


def endorsable(comment_id: int) -> Comment:
    """The published answer with this id: approved, top-level, not withdrawn. Anything else is one refusal (404)."""
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.status != Status.APPROVED or comment.parent_id is not None or comment.withdrawn_at:
        raise DomainError("not_endorsable", NOT_ENDORSABLE)
    return comment


def endorse(comment_id: int, reader_hash: str, now: datetime) -> tuple[int, bool]:
    """Stand behind a published answer: (its count, whether this endorsement is new). Once per reader key; the same key
    again (at the same moment too) changes nothing. The row goes in only when the answer is public, in one statement."""
    connection = db.session.connection()
    added = connection.execute(_ADD[connection.dialect.name], {"comment_id": comment_id, "reader_hash": reader_hash,
                                                              "now": now}).first()
    if added is not None:
        return _moved(comment_id, +1), True
    return _public_count(comment_id), False  # this key stands behind it already


def take_back(comment_id: int, reader_hash: str) -> int:
    """Take an endorsement back (nothing when this key gave none); the answer's count."""
    count = _public_count(comment_id)
    gone = db.session.connection().execute(_REMOVE, {"comment_id": comment_id, "reader_hash": reader_hash}).rowcount
    return _moved(comment_id, -1) if gone else count


def endorsed_by(reader_hash: str, comment_ids: list[int]) -> set[int]:
    """Which of these comments this reader key stands behind."""
    if not comment_ids:
        return set()
    return set(db.session.scalars(db.select(Endorsement.comment_id).where(
        Endorsement.reader_hash == reader_hash, Endorsement.comment_id.in_(comment_ids))))


def clear(comment: Comment) -> int:
    """Drop every endorsement of a comment (the author's reset, a withdrawal); how many there were. The caller audits
    it and announces the public change."""
    gone = db.session.execute(db.delete(Endorsement).where(Endorsement.comment_id == comment.id)).rowcount
    comment.endorsement_count = 0
    return gone


def bursts(comment_ids: list[int]) -> set[int]:
    """The comments that got more than ENDORSEMENT_BURST endorsements within ENDORSEMENT_BURST_WINDOW, at any time."""
    if not comment_ids:
        return set()
    rows = db.session.execute(db.select(Endorsement.comment_id, Endorsement.created_at)
                              .where(Endorsement.comment_id.in_(comment_ids))
                              .order_by(Endorsement.comment_id, Endorsement.created_at))
    flagged: set[int] = set()
    window: deque[datetime] = deque()
    current = None
    for comment_id, at in rows:
        if comment_id != current:
            current, window = comment_id, deque()
        window.append(at)
        while at - window[0] >= ENDORSEMENT_BURST_WINDOW:
            window.popleft()
        if len(window) > ENDORSEMENT_BURST:
            flagged.add(comment_id)
    return flagged


# The most frequent write, built once (building a statement costs more than running it): Core, no ORM.
_PUBLIC = db.select(COMMENTS.c.id, bindparam("reader_hash", type_=String()), bindparam("now", type_=UTCDateTime())).where(
    COMMENTS.c.id == bindparam("comment_id"), *PUBLIC)
_ADD = {name: insert(ENDORSEMENTS).from_select(["comment_id", "reader_hash", "created_at"], _PUBLIC)
        .on_conflict_do_nothing().returning(ENDORSEMENTS.c.id)
        for name, insert in (("postgresql", pg_insert), ("sqlite", sqlite_insert))}
_REMOVE = db.delete(ENDORSEMENTS).where(ENDORSEMENTS.c.comment_id == bindparam("comment_id"),
                                        ENDORSEMENTS.c.reader_hash == bindparam("reader_hash"))
_MOVE = (update(COMMENTS).where(COMMENTS.c.id == bindparam("comment_id"))
         .values(endorsement_count=COMMENTS.c.endorsement_count + bindparam("step"))
         .returning(COMMENTS.c.endorsement_count, COMMENTS.c.thread))
_COUNT = db.select(COMMENTS.c.endorsement_count).where(COMMENTS.c.id == bindparam("comment_id"), *PUBLIC)


def _moved(comment_id: int, step: int) -> int:
    """Move the count kept on the comment by step, and the thread's counter that the read cache follows."""
    count, thread = db.session.connection().execute(_MOVE, {"comment_id": comment_id, "step": step}).one()
    touch(thread)
    return count


def _public_count(comment_id: int) -> int:
    """The count of a published answer; the refusal (404) for anything else."""
    count = db.session.connection().execute(_COUNT, {"comment_id": comment_id}).scalar()
    if count is None:
        raise DomainError("not_endorsable", NOT_ENDORSABLE)
    return count
