"""What a mail to the author says about one waiting comment: who wrote it, on which post and approach, and the
signed one-click links to approve, reject or mark it spam. Read by the mail per comment and by the digest."""

from __future__ import annotations

from flask import current_app

from comments_service.domain.actions import ACTIONS
from comments_service.domain.models import Comment
from comments_service.domain.threads import Thread
from comments_service.mail.links import sign


def comment_context(comment: Comment, thread: Thread) -> dict:
    base = current_app.config["PUBLIC_URL"]
    return {
        "comment": comment,
        "label": thread.poll.short(comment.category) if comment.category else None,
        "links": [(action.button, f"{base}/admin/mail/{sign(comment, action.verb)}") for action in ACTIONS.values()],
        "post_url": f"{base}{thread.path}",
    }
