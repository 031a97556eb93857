"""The link to the reader's data page, mailed on request: only to an address that has comments, at most
once per DATA_LINK_EVERY, signed for its purpose."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app

from comments_service.domain.reader_data import comments_of
from comments_service.infra.database import db
from comments_service.mail import reader as reader_mail
from comments_service.mail.links import sign_address

DATA_LINK_EVERY = timedelta(minutes=10)  # at most one data-page mail per address per 10 minutes


def send_data_link(address: str, now: datetime) -> None:
    """Mail the signed link to the data page, if the address has comments and had no link just now; in its
    own transaction (it runs in the background, after the answer)."""
    _queue_data_link(address, now)
    db.session.commit()


def _queue_data_link(address: str, now: datetime) -> None:
    if not comments_of(address) or not reader_mail.mail_on():
        return
    found = reader_mail.locked_row(address)  # two requests at once: one mail
    if found.data_link_sent_at and now - found.data_link_sent_at < DATA_LINK_EVERY:
        return
    found.data_link_sent_at = now
    link = current_app.config["PUBLIC_URL"] + f"/api/mijn-gegevens/{sign_address(found.address, 'data')}"
    reader_mail.send_plain(found.address, "Je reacties en gegevens", "data", now, link=link)
