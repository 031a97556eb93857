"""Helpers for the readers' mail tests: the addresses, and reading what the inbox got."""

from __future__ import annotations

import re

from comments_service.domain.models import Comment
from comments_service.infra.database import db

READER, OTHER = "lezer@example.nl", "ander@example.nl"
LINK = re.compile(r"http://127\.0\.0\.1:8000(/api/(?:mail/\w+|mijn-gegevens)/[\w.\-]+)")


def to(inbox, address: str) -> list:
    return [message for message in inbox if message["To"] == address]


def link_in(message) -> str:
    """The path of the first signed link in the mail's plain text."""
    return LINK.findall(message.get_body(("plain",)).get_content())[0]


def all_comments(app) -> list[Comment]:
    with app.app_context():
        rows = db.session.scalars(db.select(Comment).order_by(Comment.id)).all()
        db.session.expunge_all()
        return rows
