"""The author's digest. With AUTHOR_MAIL = hour or day, new comments are not mailed one by one: at most one mail
per period lists the comments that still wait and that no mail named yet, each with its action links. The first
comment after a quiet period goes out at once; those after it wait for the period's end, on a timer in the
process (`flask comments send-mail` from cron sends a digest that is due, should the process have restarted).

The state is one row (made on first use, by whoever comes first): a comment's transaction only sets when the next
digest is due, and one UPDATE decides which worker sends it, as the outbox claims its messages."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, render_template
from sqlalchemy import update
from sqlalchemy.orm import Mapped, mapped_column

from comments_service.domain.dutch import plural
from comments_service.domain.models import Comment, Status, UTCDateTime
from comments_service.infra.background import run_after_commit, run_later
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db, insert_if_missing
from comments_service.mail.about_comment import comment_context
from comments_service.mail.outbox import enqueue

PERIODS = {"hour": timedelta(hours=1), "day": timedelta(days=1)}
LISTED = 50  # comments written out in one digest; the rest are counted, with the link to the queue
ROW = 1


class DigestState(db.Model):
    """When the next digest goes (None: none is waiting) and when the last went."""

    __tablename__ = "author_digest"

    id: Mapped[int] = mapped_column(primary_key=True)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


def is_on() -> bool:
    return current_app.config["AUTHOR_MAIL"] in PERIODS


def schedule(now: datetime) -> None:
    """In a new comment's transaction: make sure a digest is due, at once or at the end of the period."""
    insert_if_missing(DigestState, id=ROW)
    state = db.session.get(DigestState, ROW)
    due = state.due_at
    if due is None:
        period = PERIODS[current_app.config["AUTHOR_MAIL"]]
        due = now if state.last_sent_at is None else max(now, state.last_sent_at + period)
        db.session.execute(update(DigestState).where(DigestState.id == ROW, DigestState.due_at.is_(None)).values(due_at=due))
    app = current_app._get_current_object()
    run_after_commit("digest", lambda: run_later(app, lambda: send_if_due(utcnow()), (due - now).total_seconds()))


def send_if_due(now: datetime) -> int:
    """Queue the digest if it is due and this worker claims it; how many comments it lists (0: none sent)."""
    state = db.session.get(DigestState, ROW)
    due = state.due_at if state is not None else None
    db.session.commit()
    if due is None or due > now:
        return 0
    claimed = db.session.execute(update(DigestState).where(DigestState.id == ROW, DigestState.due_at == due)
                                 .values(due_at=None, last_sent_at=now)).rowcount == 1
    if not claimed:
        db.session.rollback()
        return 0
    waiting = db.session.scalars(db.select(Comment).where(Comment.status == Status.PENDING, Comment.author_mailed_at.is_(None))
                                 .order_by(Comment.created_at, Comment.id)).all()
    if waiting:
        _queue(waiting, now)
    db.session.commit()
    return len(waiting)


def _queue(waiting: list[Comment], now: datetime) -> None:
    threads = current_app.extensions["threads"]
    items = [comment_context(comment, threads[comment.thread]) for comment in waiting[:LISTED]]
    base = current_app.config["PUBLIC_URL"]
    context = {"items": items, "unlisted": len(waiting) - len(items), "queue_url": f"{base}/admin/?status=pending"}
    for comment in waiting:
        comment.author_mailed_at = now
    # Built from text the author controls only: reader text in a header could smuggle in header lines.
    subject = f"{plural(len(waiting), 'nieuwe reactie wacht', 'nieuwe reacties wachten')} op goedkeuring"
    enqueue(current_app.config["NOTIFY_TO"], subject, render_template("mail/digest.txt", **context),
            render_template("mail/digest.html", **context), now)
