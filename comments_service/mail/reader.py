"""Mail to readers who asked for it: first only a confirmation of the address; once it is confirmed,
a notice when their comment is published and when an approved reply lands under it. Nothing else is
ever sent to an address, and nothing about a comment before it is approved. Every notice carries a
one-click unsubscribe link and the List-Unsubscribe headers (RFC 8058)."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, render_template
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from comments_service.domain.advice import published as published_advice_of
from comments_service.domain.events import advice_published, comment_published
from comments_service.domain.limits import EMAIL_MAX
from comments_service.domain.models import Comment, Status, UTCDateTime, address_key
from comments_service.infra.database import db, insert_if_missing
from comments_service.mail.links import sign_address
from comments_service.mail.outbox import enqueue

CONFIRM_RESEND = timedelta(hours=24)  # at most one confirmation mail a day per address: no mail bombing


class MailAddress(db.Model):
    """A reader's address: confirmed (by its link) or not, unsubscribed or not."""

    __tablename__ = "mail_addresses"

    address: Mapped[str] = mapped_column(String(EMAIL_MAX), primary_key=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmation_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    data_link_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


def key(address: str) -> str:
    """Addresses are compared without case (in any script)."""
    return address_key(address)


def row(address: str) -> MailAddress | None:
    return db.session.get(MailAddress, key(address))


def locked_row(address: str) -> MailAddress:
    """The address's row, made if missing, locked until the transaction ends (one writer decides)."""
    insert_if_missing(MailAddress, address=key(address))
    return db.session.get(MailAddress, key(address), with_for_update=True, populate_existing=True)


def may_receive(address: str | None) -> bool:
    """Confirmed and not unsubscribed since (no address, as a restored row may have: no)."""
    found = row(address) if address else None
    return bool(found and found.confirmed_at and not found.unsubscribed_at)


def subscriber_counts(comments: list[Comment]) -> dict[int, int]:
    """For the admin: per comment, how many confirmed readers follow it (a count, never the addresses)."""
    addresses = {key(c.email) for c in comments if c.notify_replies and c.email}
    confirmed = set(db.session.scalars(db.select(MailAddress.address).where(
        MailAddress.address.in_(addresses), MailAddress.confirmed_at.is_not(None), MailAddress.unsubscribed_at.is_(None))))
    return {c.id: int(bool(c.notify_replies and c.email and key(c.email) in confirmed)) for c in comments}


def mail_on() -> bool:
    return bool(current_app.config.get("SMTP_HOST"))


def opt_in(comment: Comment, now: datetime) -> None:
    """After a post that asks for mail: ask an unconfirmed address to confirm itself (in this transaction)."""
    if not ((comment.notify_replies or comment.notify_advice) and comment.email and mail_on()) or may_receive(comment.email):
        return
    found = locked_row(comment.email)
    if found.confirmation_sent_at and now - found.confirmation_sent_at < CONFIRM_RESEND:
        return
    found.confirmation_sent_at = now
    link = _url(f"/api/mail/bevestigen/{sign_address(found.address, 'confirm')}")
    send_plain(found.address, "Bevestig je e-mailadres", "confirm", now, link=link, comment=comment)


def confirm(address: str, now: datetime) -> None:
    """Confirm an address; the first time, tell it which of its comments went online while it waited."""
    found = locked_row(address)
    first = found.confirmed_at is None
    found.confirmed_at, found.unsubscribed_at = now, None
    if first:
        waited = db.session.scalars(db.select(Comment).where(
            Comment.email_key == key(address), Comment.notify_replies.is_(True), Comment.status == Status.APPROVED)
            .order_by(Comment.id)).all()
        for comment in waited:
            _send(comment.email, f"Je reactie op {_title(comment)} staat online", "online", now, comment=comment)
        asked = db.session.scalars(db.select(Comment).where(Comment.email_key == key(address), Comment.notify_advice.is_(True),
                                                            Comment.status != Status.SPAM).order_by(Comment.id)).all()
        for thread in dict.fromkeys(comment.thread for comment in asked):  # published meanwhile: tell it now
            if published_advice_of(thread) is not None:
                _send_advice(next(c for c in asked if c.thread == thread), now)


def unsubscribe(address: str, now: datetime) -> None:
    found = locked_row(address)
    found.unsubscribed_at = now


def subscribe() -> None:
    """Tell readers when the domain announces that a comment went public, or that an advice was published."""
    comment_published.connect(published)
    advice_published.connect(advice_out)


def advice_out(thread: str, now: datetime) -> None:
    """The advice went online: one mail per confirmed, subscribed address that asked for it in this thread."""
    if not mail_on():
        return
    asked = db.session.scalars(db.select(Comment).where(
        Comment.thread == thread, Comment.notify_advice.is_(True), Comment.email.is_not(None), Comment.status != Status.SPAM)
        .order_by(Comment.id)).all()
    first_per_address = {key(comment.email): comment for comment in reversed(asked)}  # the earliest comment wins
    for comment in first_per_address.values():
        if may_receive(comment.email):
            _send_advice(comment, now)


def _send_advice(comment: Comment, now: datetime) -> None:
    advice = published_advice_of(comment.thread)
    _send(comment.email, f"Ons advies bij {_title(comment)} staat online", "advice", now, comment=comment,
          advice_text=advice.body, options=", ".join(current_app.extensions["threads"][comment.thread].poll.short(option)
                                                      for option in advice.option_ids))


def published(comment: Comment, now: datetime) -> None:
    """A comment became public: tell its author (if they asked), and the author of the comment it answers."""
    if not mail_on():
        return
    post = _title(comment)
    if comment.notify_replies and may_receive(comment.email):
        _send(comment.email, f"Je reactie op {post} staat online", "online", now, comment=comment)
    parent = comment.parent
    if (parent is not None and parent.status == Status.APPROVED and parent.notify_replies and may_receive(parent.email)
            and key(parent.email) != key(comment.email or "")):
        _send(parent.email, f"Er is gereageerd op je reactie op {post}", "reply", now, comment=parent, reply=comment)


def _title(comment: Comment) -> str:
    """The post's title in quotes, for a subject: text the author wrote (front matter), never a reader's."""
    thread = current_app.extensions["threads"].get(comment.thread)
    return f"\u201c{thread.title}\u201d" if thread is not None and thread.title else "de blog"


def send_plain(address: str, subject: str, template: str, now: datetime, **context) -> None:
    """A mail that only serves the reader's own request (confirmation, data link): no unsubscribe link."""
    _send(address, subject, template, now, unsubscribe=False, **context)


def _send(address: str, subject: str, template: str, now: datetime, unsubscribe: bool = True, **context) -> None:
    headers = None
    if unsubscribe:
        context["unsubscribe_url"] = _url(f"/api/mail/afmelden/{sign_address(key(address), 'unsubscribe')}")
        headers = {"List-Unsubscribe": f"<{context['unsubscribe_url']}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    context["data_url"] = _url("/api/mijn-gegevens")
    thread = current_app.extensions["threads"].get(context["comment"].thread) if context.get("comment") else None
    context["post_url"] = _url(thread.path) if thread else _url("/")
    enqueue(address, subject, render_template(f"mail/reader_{template}.txt", **context),
            render_template(f"mail/reader_{template}.html", **context), now, headers)


def _url(path: str) -> str:
    return current_app.config["PUBLIC_URL"] + path
