"""Backup: every comment in every state, the audit trail and the endorsements as one JSON object, and its restore.

A restore adds what is missing by id and leaves what is there, so importing twice duplicates nothing."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import func, text

from comments_service.domain.audit import AuditEntry
from comments_service.domain.backup_rows import BadRow, audit_row, comment_row, endorsement_row
from comments_service.domain.endorsements import Endorsement
from comments_service.domain.events import public_change
from comments_service.domain.models import Comment
from comments_service.domain.rendering import render
from comments_service.domain.threads import Thread
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db

FORMAT = 1
TABLES = {"comments": Comment, "audit": AuditEntry, "endorsements": Endorsement}  # in this order: the ids they name first


def _dump(row) -> dict:
    values = {}
    for column in row.__table__.columns:
        value = getattr(row, column.key)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, enum.Enum):
            value = value.value
        values[column.key] = value
    return values


def export_data(now: datetime) -> dict:
    """Everything, as plain JSON values."""
    data = {"format": FORMAT, "exported_at": now.isoformat()}
    for key, model in TABLES.items():
        data[key] = [_dump(row) for row in db.session.scalars(db.select(model).order_by(model.id))]
    return data


def import_data(data: dict, threads: dict[str, Thread], reserved: frozenset[str]) -> dict[str, int]:
    """Add the comments and audit entries whose ids are not stored yet; returns how many were added. Every
    row is checked first, as a reader's post would be: one bad row (BadRow) refuses the whole file."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadRow(f"not a backup of format {FORMAT}")
    tables = {key: data.get(key, []) for key in TABLES}
    if not all(isinstance(rows, list) for rows in tables.values()):
        raise BadRow("comments, audit and endorsements must be lists")
    known = {key: set(db.session.scalars(db.select(model.id))) for key, model in TABLES.items()}
    file_ids = {row.get("id") for row in tables["comments"] if isinstance(row, dict)}
    checked = {key: [] for key in TABLES}
    for key, rows in tables.items():
        for index, values in enumerate(rows):
            try:
                row = (comment_row(values, threads, reserved, file_ids | known["comments"]) if key == "comments"
                       else audit_row(values) if key == "audit" else endorsement_row(values, file_ids | known["comments"]))
            except BadRow as error:
                label = values.get("id") if isinstance(values, dict) else None
                raise BadRow(f"{key}[{index}] (id {label!r}): {error}") from None
            checked[key].append(row)
    added = {}
    for key, model in TABLES.items():
        fresh = [row for row in checked[key] if row["id"] not in known[key]]
        if model is Endorsement:
            fresh = _new_endorsements(fresh)
        fresh.sort(key=lambda row: (row.get("parent_id") is not None, row["id"]))
        for row in fresh:  # never trust stored HTML from a file: render it from the text, as a post would be
            db.session.add(model(**row, body_html=render(row["body"])) if model is Comment else model(**row))
        db.session.flush()
        added[key] = len(fresh)
        _advance_sequence(model)
    endorsed = {row["comment_id"] for row in checked["endorsements"]}
    threads_endorsed = set(db.session.scalars(db.select(Comment.thread).where(Comment.id.in_(endorsed)))) if endorsed else set()
    for thread in {row["thread"] for row in checked["comments"]} | threads_endorsed:
        public_change(thread, utcnow(), removes=False)
    return added


def _new_endorsements(rows: list[dict]) -> list[dict]:
    """Leave out an endorsement whose reader already stands behind that comment (stored, or earlier in the file)."""
    taken = {tuple(row) for row in db.session.execute(db.select(Endorsement.comment_id, Endorsement.reader_hash)
                                                      .where(Endorsement.reader_hash.is_not(None)))}
    fresh = []
    for row in rows:
        pair = (row["comment_id"], row["reader_hash"])
        if row["reader_hash"] is None or pair not in taken:
            taken.add(pair)
            fresh.append(row)
    return fresh


def _advance_sequence(model) -> None:
    # PostgreSQL hands out ids from a sequence that an import with explicit ids does not move.
    if db.session.get_bind().dialect.name == "postgresql":
        table = model.__tablename__
        highest = db.session.scalar(db.select(func.max(model.id)))
        if highest:
            db.session.execute(text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :value)"),
                               {"table": table, "value": highest})
