"""Stored answers must carry an option the front matter declares: found per thread and option, and
checked before the service takes traffic."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, inspect
from sqlalchemy.exc import OperationalError

from comments_service.domain.models import Comment
from comments_service.domain.threads import Thread
from comments_service.infra.database import db, reading


class StartupError(RuntimeError):
    """The service must not start; the message says why and how to fix it."""


def stale_options(threads: dict[str, Thread]) -> list[tuple[str, str, int]]:
    """(thread, option, comments) for stored categories that the front matter no longer declares."""
    rows = db.session.execute(
        db.select(Comment.thread, Comment.category, func.count())
        .where(Comment.category.is_not(None))
        .group_by(Comment.thread, Comment.category)
        .order_by(Comment.thread, Comment.category)
    )
    return [
        (thread, category, count)
        for thread, category, count in rows
        if thread not in threads or category not in threads[thread].poll.option_ids
    ]


def check_stored_options(app: Flask) -> None:
    """Refuse to start when stored comments carry an option the front matter no longer declares."""
    with app.app_context(), reading():
        try:
            if not inspect(db.engine).has_table("comments"):
                return  # not migrated yet: `flask db upgrade` creates the schema
            problems = stale_options(app.extensions["threads"])
            if problems:
                db.session.remove()
                db.engine.dispose()  # this app will not run: close its connections now
        except OperationalError as exc:
            # Start anyway: /api/health answers 503 until the database is back, which tells more
            # than a crash loop; the options are checked again at the next start.
            app.logger.warning("database unreachable at start, poll options not checked: %s", exc.orig)
            return
    if problems:
        lines = [
            f"  thread {thread!r}: option {option!r} is not declared in the front matter but {count} "
            f"comment(s) carry it; move them with: flask --app comments_service comments recategorise {thread} {option} NEW_OPTION"
            for thread, option, count in problems
        ]
        raise StartupError("stored comments use undeclared poll options:\n" + "\n".join(lines))
