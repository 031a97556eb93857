"""Mail goes through an outbox: queued in the comment's transaction, sent after the commit, retried with
backoff, and claimed row by row so that several workers never send the same message twice."""

from __future__ import annotations

import json
import re
import smtplib
import ssl
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from flask import current_app
from sqlalchemy import String, Text, or_, update
from sqlalchemy.orm import Mapped, mapped_column

from comments_service.domain.limits import EMAIL_MAX
from comments_service.domain.models import UTCDateTime
from comments_service.infra.background import run_after_commit
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db

CLAIM = timedelta(minutes=2)
MAX_BACKOFF = timedelta(hours=6)
# A header value must stay one line once any mail library has decoded it: no controls, no encoded words.
UNSAFE_HEADER = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]|=\?[^?]*\?[bq]\?", re.IGNORECASE)


class UnsafeHeader(ValueError):
    """A header value that could turn into more than one header line."""


class OutboxMessage(db.Model):
    """One mail to send."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(EMAIL_MAX))
    subject: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    headers: Mapped[str | None] = mapped_column(Text)  # JSON: extra headers (List-Unsubscribe...)


def enqueue(recipient: str, subject: str, text: str, html: str, now: datetime,
            headers: dict[str, str] | None = None) -> OutboxMessage:
    """Queue a message in the current transaction; it is sent in the background after the commit."""
    message = OutboxMessage(recipient=recipient, subject=subject, text=text, html=html, created_at=now, next_attempt_at=now,
                            headers=json.dumps(headers) if headers else None)
    db.session.add(message)
    run_after_commit("outbox", deliver_due)
    return message


def _claim(message_id: int, now: datetime) -> bool:
    # One UPDATE decides: only the worker whose statement changed the row sends it.
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= now,
               or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now))
        .values(claimed_until=now + CLAIM)
    )
    db.session.commit()
    return result.rowcount == 1


def deliver_due(now: datetime | None = None) -> tuple[int, int]:
    """Send every message that is due; returns (sent, failed). A failure is retried later, with backoff."""
    now = now or utcnow()
    due = db.session.scalars(db.select(OutboxMessage.id).where(
        OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= now).order_by(OutboxMessage.id)).all()
    db.session.commit()
    sent = failed = 0
    for message_id in due:
        if not _claim(message_id, now):
            continue
        message = db.session.get(OutboxMessage, message_id)
        try:
            _send(message)
        except Exception as exc:  # noqa: BLE001 - one message, whatever its fault, never stops the others
            db.session.rollback()
            message = db.session.get(OutboxMessage, message_id)
            message.attempts += 1
            message.last_error = f"{type(exc).__name__}: {exc}"[:1000]
            message.next_attempt_at = now + min(timedelta(minutes=2 ** message.attempts), MAX_BACKOFF)
            message.claimed_until = None
            failed += 1
            # By kind only: an SMTP error's text can carry the recipient's address (last_error keeps it).
            current_app.logger.warning("mail %s not sent (attempt %s): %s", message.id, message.attempts,
                                       type(exc).__name__)
        else:
            message.attempts += 1
            message.sent_at = now
            sent += 1
        db.session.commit()
    return sent, failed


def _send(message: OutboxMessage) -> None:
    config = current_app.config
    domain = config["MAIL_FROM"].rpartition("@")[2].strip(" >") or None
    headers = {"From": config["MAIL_FROM"], "To": message.recipient, "Subject": message.subject,
               "Date": format_datetime(message.created_at), "Message-ID": make_msgid(domain=domain),
               **json.loads(message.headers or "{}")}
    mail = EmailMessage()
    for name, value in headers.items():
        if UNSAFE_HEADER.search(name) or UNSAFE_HEADER.search(value):
            raise UnsafeHeader(f"header {name!r} refused")
        mail[name] = value
    mail.set_content(message.text)
    mail.add_alternative(message.html, subtype="html")
    host, port, security = config["SMTP_HOST"], int(config["SMTP_PORT"]), config["SMTP_SECURITY"]
    context = ssl.create_default_context()
    smtp_class = smtplib.SMTP_SSL if security == "ssl" else smtplib.SMTP
    options = {"context": context} if security == "ssl" else {}
    with smtp_class(host, port, timeout=10, **options) as smtp:
        if security == "starttls":
            smtp.starttls(context=context)
        if config.get("SMTP_USERNAME"):
            smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
        smtp.send_message(mail)
