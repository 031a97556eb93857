"""A dashboard per thread: the poll as visitors see it, the pending count, comments per day."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from flask import abort, current_app, render_template
from sqlalchemy import func

from comments_service.domain.models import Comment, Status
from comments_service.domain.tally import poll_result
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db
from comments_service.web.admin import bp, current_admin, login_required
from comments_service.web.admin.forms import ActionForm

DAYS = 30


def per_day(thread_id: str, today: date, days: int = DAYS) -> list[tuple[date, int]]:
    """Comments received per day (any status) over the last `days` days, oldest first."""
    since = datetime.combine(today - timedelta(days=days - 1), datetime.min.time(), tzinfo=utcnow().tzinfo)
    stamps = db.session.scalars(db.select(Comment.created_at).where(Comment.thread == thread_id, Comment.created_at >= since))
    counts = Counter(stamp.date() for stamp in stamps)
    return [(day, counts.get(day, 0)) for day in (today - timedelta(days=offset) for offset in range(days - 1, -1, -1))]


@bp.get("/threads/<thread>")
@login_required
def dashboard(thread: str):
    """The thread's poll, pending count and a small inline SVG chart of comments per day."""
    found = current_app.extensions["threads"].get(thread) or abort(404)
    pending = db.session.scalar(db.select(func.count()).select_from(Comment)
                                .where(Comment.thread == thread, Comment.status == Status.PENDING))
    days = per_day(thread, utcnow().date())
    return render_template("admin/dashboard.html", thread=found, poll=poll_result(found), pending=pending,
                           days=days, peak=max([count for _, count in days] + [1]), form=ActionForm(),
                           admin=current_admin())
