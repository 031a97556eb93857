"""The author's mail about a new comment, with signed one-click links; queued in the outbox. With a digest chosen
(AUTHOR_MAIL = hour or day), the comment waits for the next digest instead (mail/digest.py)."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, render_template

from comments_service.domain.models import Comment
from comments_service.domain.threads import Thread
from comments_service.mail import digest
from comments_service.mail.about_comment import comment_context
from comments_service.mail.outbox import enqueue


def mail_enabled() -> bool:
    """Whether the author gets mail: an SMTP host and an address to notify are configured."""
    return bool(current_app.config.get("SMTP_HOST") and current_app.config.get("NOTIFY_TO"))


def queue_new_comment(comment: Comment, thread: Thread, now: datetime) -> bool:
    """Queue the mail about a new pending comment (or its digest) in the current transaction; False when mail is off."""
    if not mail_enabled():
        return False
    if digest.is_on():
        digest.schedule(now)
        return True
    base = current_app.config["PUBLIC_URL"]
    context = comment_context(comment, thread) | {"queue_url": f"{base}/admin/?status=pending"}
    comment.author_mailed_at = now
    # Built from text the author controls only: reader text in a header could smuggle in header lines.
    subject = f"{'Nieuw antwoord' if comment.parent_id else 'Nieuwe reactie'} op \u201c{thread.title}\u201d"
    enqueue(current_app.config["NOTIFY_TO"], subject, render_template("mail/new_comment.txt", **context),
            render_template("mail/new_comment.html", **context), now)
    return True
