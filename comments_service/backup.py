"""Backup: every comment in every state and the audit trail as one JSON object, and its restore.

A restore adds what is missing by id and leaves what is there, so importing twice duplicates nothing."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import func, text

from comments_service import rebuild
from comments_service.audit import AuditEntry
from comments_service.clock import utcnow
from comments_service.database import db
from comments_service.models import Comment, Status, UTCDateTime
from comments_service.rendering import render
from comments_service.versions import bump

FORMAT = 1
TABLES = {"comments": Comment, "audit": AuditEntry}


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


def _load(model, values: dict):
    row = {}
    for column in model.__table__.columns:
        value = values.get(column.key)
        if value is not None and isinstance(column.type, UTCDateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and column.key == "status":
            value = Status(value)
        row[column.key] = value
    if model is Comment:  # never trust stored HTML from a file: render it from the text, as a post would be
        row["body_html"] = render(row["body"] or "")
    return model(**row)


def export_data(now: datetime) -> dict:
    """Everything, as plain JSON values."""
    data = {"format": FORMAT, "exported_at": now.isoformat()}
    for key, model in TABLES.items():
        data[key] = [_dump(row) for row in db.session.scalars(db.select(model).order_by(model.id))]
    return data


def import_data(data: dict) -> dict[str, int]:
    """Add the comments and audit entries whose ids are not stored yet; returns how many were added."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"not a backup of format {FORMAT}")
    added = {}
    for key, model in TABLES.items():
        rows = sorted(data.get(key, []), key=lambda row: (row.get("parent_id") is not None, row["id"]))
        known = set(db.session.scalars(db.select(model.id)))
        fresh = [_load(model, row) for row in rows if row["id"] not in known]
        db.session.add_all(fresh)
        db.session.flush()
        added[key] = len(fresh)
        _advance_sequence(model)
    for thread in {row.get("thread") for row in data.get("comments", []) if row.get("thread")}:
        bump(thread)
        rebuild.mark(utcnow(), removes=False)
    return added


def _advance_sequence(model) -> None:
    # PostgreSQL hands out ids from a sequence that an import with explicit ids does not move.
    if db.session.get_bind().dialect.name == "postgresql":
        table = model.__tablename__
        highest = db.session.scalar(db.select(func.max(model.id)))
        if highest:
            db.session.execute(text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :value)"),
                               {"table": table, "value": highest})
