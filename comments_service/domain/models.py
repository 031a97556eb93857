"""The stored comment and its moderation status."""

from __future__ import annotations

import enum
import unicodedata
from datetime import datetime, timezone

from sqlalchemy import Enum, ForeignKey, Index, String, Text, false, types
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from comments_service.domain.limits import AUTHOR_MAX, EMAIL_MAX
from comments_service.infra.database import db


class Status(enum.Enum):
    """Where a comment stands in moderation; only `approved` is public and counted."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    SPAM = "spam"


class UTCDateTime(types.TypeDecorator):
    """An aware UTC datetime on every backend (SQLite keeps no zone, so it is put back on load)."""

    impl = types.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("naive datetimes are not stored; pass an aware UTC time")
            value = value.astimezone(timezone.utc)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None:
            value = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
        return value


class Comment(db.Model):
    """A reader's comment (carrying their poll answer) or a reply to one."""

    __tablename__ = "comments"
    # AUTOINCREMENT on SQLite: an id is never given out twice (mail links and the trail name ids).
    __table_args__ = (Index("ix_comments_thread_status_created", "thread", "status", "created_at"),
                      {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    thread: Mapped[str] = mapped_column(String(100))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(AUTHOR_MAX))
    email: Mapped[str | None] = mapped_column(String(EMAIL_MAX))
    email_key: Mapped[str | None] = mapped_column(String(EMAIL_MAX), index=True)  # set with email: address_key(email)
    body: Mapped[str] = mapped_column(Text)
    original_body: Mapped[str | None] = mapped_column(Text)  # the reader's text, kept when the author edits
    body_html: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[Status] = mapped_column(
        Enum(Status, name="comment_status", native_enum=False, length=16, create_constraint=True,
             values_callable=lambda statuses: [status.value for status in statuses]),
        default=Status.PENDING,
    )
    is_author: Mapped[bool] = mapped_column(default=False)
    notify_replies: Mapped[bool] = mapped_column(default=False, server_default=false())  # the reader's opt-in
    notify_advice: Mapped[bool] = mapped_column(default=False, server_default=false())  # ... for the advice's mail
    client_hash: Mapped[str | None] = mapped_column(String(64))
    withdraw_token_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    author_mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # its mail (or digest) to the author
    # A published comment its writer withdrew after others answered it: emptied (no name, address, text or vote)
    # and kept, so the answers under it stay; shown as "Deze reactie is ingetrokken".
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    replies: Mapped[list[Comment]] = relationship(back_populates="parent", order_by="Comment.id",
                                                  cascade="all, delete-orphan", passive_deletes=True)
    parent: Mapped[Comment | None] = relationship(back_populates="replies", remote_side=[id])

    @validates("email")
    def _keep_email_key(self, _name: str, email: str | None) -> str | None:
        self.email_key = None if email is None else address_key(email)
        return email


def address_key(address: str) -> str:
    """An address as compared: NFC, without case in any script (the database's lower() only knows ASCII)."""
    return unicodedata.normalize("NFC", address.strip()).lower()
