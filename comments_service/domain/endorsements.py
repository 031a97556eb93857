"""Readers who would do the same ("Dit zou ik ook doen"): one endorsement per reader key and published answer, given
and taken back without an account. The key is the reader's own random secret; only a keyed hash of it is stored, and
that hash goes after 30 days with the client hashes (privacy.py). An answer's count is counted from its rows (one
truth; the reads that show it are cached); it counts while the answer is public."""

from __future__ import annotations

from collections import deque
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, bindparam, func
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, mapped_column

from comments_service.domain.errors import DomainError
from comments_service.domain.limits import ENDORSEMENT_BURST, ENDORSEMENT_BURST_WINDOW
from comments_service.domain.models import Comment, Status, UTCDateTime
from comments_service.domain.versions import COUNTERS
from comments_service.infra.database import db
from comments_service.infra.raw_sql import prepared, transaction, writing

NOT_ENDORSABLE = "Deze reactie bestaat niet (meer) of is nog niet gepubliceerd: je kunt er (nog) niet achter staan."
POLL_CLOSED = "Deze peiling is gesloten: de uitslag staat vast, ook hoeveel lezers het met een antwoord eens zijn."


class Endorsement(db.Model):
    """One reader standing behind one published answer."""

    __tablename__ = "endorsements"
    __table_args__ = (UniqueConstraint("comment_id", "reader_hash"),)  # no AUTOINCREMENT: nothing names it by its id

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    reader_hash: Mapped[str | None] = mapped_column(String(64))  # None once purged: the endorsement still counts
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())  # no index: one page less for every endorsement


COMMENTS, ENDORSEMENTS = Comment.__table__, Endorsement.__table__
PUBLIC = (COMMENTS.c.status == Status.APPROVED, COMMENTS.c.parent_id.is_(None), COMMENTS.c.withdrawn_at.is_(None))
# A comment's endorsements, in a query about comments (the list's order by them).
COUNT_OF = db.select(func.count()).where(ENDORSEMENTS.c.comment_id == COMMENTS.c.id).correlate(COMMENTS).scalar_subquery()


def counts(comment_ids: list[int]) -> dict[int, int]:
    """The endorsements of each of these comments (those without any are left out)."""
    if not comment_ids:
        return {}
    return dict(db.session.execute(db.select(ENDORSEMENTS.c.comment_id, func.count())
                                   .where(ENDORSEMENTS.c.comment_id.in_(comment_ids)).group_by(ENDORSEMENTS.c.comment_id)).all())


def endorse(engine: Engine, comment_id: int, reader_hash: str, now: datetime, closed: frozenset[str]) -> tuple[int, bool, str]:
    """Stand behind a published answer, in a transaction of its own: (its count, whether this endorsement is new, its
    thread). Once per reader key; the same key again (at the same moment too) changes nothing. Not in a thread whose
    poll is closed."""
    with transaction(engine) as cursor:
        run = _Runner(cursor, engine.dialect)
        count, thread = run.public(comment_id, closed)  # before the lock: the INSERT checks again, at once
        writing(cursor, engine.dialect)
        added = run(_ADD[engine.dialect.name], comment_id=comment_id, reader_hash=reader_hash, now=now).fetchone()
        return count + (added is not None), added is not None, thread  # its new id tells the read cache (versions.py)


def take_back(engine: Engine, comment_id: int, reader_hash: str, closed: frozenset[str]) -> str:
    """Take an endorsement back, in a transaction of its own (nothing when this key gave none): the answer's thread."""
    with transaction(engine) as cursor:
        run = _Runner(cursor, engine.dialect)
        _, thread = run.public(comment_id, closed)
        writing(cursor, engine.dialect)
        if run(_REMOVE, comment_id=comment_id, reader_hash=reader_hash).rowcount:
            run.taken_back(thread)
        return thread


def endorsed_by(reader_hash: str, comment_ids: list[int]) -> set[int]:
    """Which of these comments this reader key stands behind."""
    if not comment_ids:
        return set()
    return set(db.session.scalars(db.select(Endorsement.comment_id).where(
        Endorsement.reader_hash == reader_hash, Endorsement.comment_id.in_(comment_ids))))


def clear(comment: Comment) -> int:
    """Drop every endorsement of a comment (the author's reset, a withdrawal); how many there were. The caller audits
    it and announces the public change."""
    return db.session.execute(db.delete(Endorsement).where(Endorsement.comment_id == comment.id)).rowcount


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


# The most frequent write: statements built once and run on a DBAPI connection (infra/raw_sql.py), the row inserted
# only when the answer is public, in one statement.
_PUBLIC = db.select(COMMENTS.c.id, bindparam("reader_hash", type_=String()), bindparam("now", type_=UTCDateTime())).where(
    COMMENTS.c.id == bindparam("comment_id"), *PUBLIC)
_ADD = {name: insert(ENDORSEMENTS).from_select(["comment_id", "reader_hash", "created_at"], _PUBLIC)
        .on_conflict_do_nothing().returning(ENDORSEMENTS.c.id)
        for name, insert in (("postgresql", pg_insert), ("sqlite", sqlite_insert))}
_REMOVE = db.delete(ENDORSEMENTS).where(ENDORSEMENTS.c.comment_id == bindparam("comment_id"),
                                        ENDORSEMENTS.c.reader_hash == bindparam("reader_hash"))
_PUBLIC_COUNT = db.select(COUNT_OF, COMMENTS.c.thread).where(COMMENTS.c.id == bindparam("comment_id"), *PUBLIC)


class _Runner:
    """The statements above on one transaction's cursor."""

    def __init__(self, cursor, dialect) -> None:
        self.cursor, self.dialect = cursor, dialect

    def __call__(self, statement, **values):
        return prepared(statement, self.dialect).run(self.cursor, **values)

    def public(self, comment_id: int, closed: frozenset[str]) -> tuple[int, str]:
        """A published answer's count and thread; the refusal (404) for anything else, and for a closed poll's (403)."""
        row = self(_PUBLIC_COUNT, comment_id=comment_id).fetchone()
        if row is None:
            raise DomainError("not_endorsable", NOT_ENDORSABLE)
        if row[1] in closed:
            raise DomainError("poll_closed", POLL_CLOSED)
        return row[0], row[1]

    def taken_back(self, thread: str) -> None:
        """Count one more endorsement taken back on the thread's counter that the read cache follows (one given is seen
        by its id: domain/versions.py)."""
        self(COUNTERS[(self.dialect.name, "endorsed")], thread=thread)
