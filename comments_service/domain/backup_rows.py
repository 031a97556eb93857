"""What a backup's rows may hold: the readers' fields checked as the edge checks them, plus the backup's own
types (ids, aware dates, statuses, flags, the trail's JSON). One bad row refuses the whole file."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from pydantic_core import PydanticCustomError

from comments_service.domain.fields import clean_body, clean_email, clean_name, has_controls, is_reserved
from comments_service.domain.limits import MAX_ID
from comments_service.domain.models import Status
from comments_service.domain.threads import Thread

STATUSES = {status.value for status in Status}
HASH = re.compile(r"[0-9a-f]{32}")


class BadRow(ValueError):
    """One message: which row, which field, what is wrong."""


def _id(value: Any, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        raise ValueError(f"must be a whole number from 1 to {MAX_ID}")
    return value


def _moment(value: Any, optional: bool = False) -> datetime | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValueError("must be an ISO 8601 date and time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("must be an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        raise ValueError("must carry its time zone (e.g. +00:00)")
    return moment


def _flag(value: Any, default: bool | None = None) -> bool:
    if value is None and default is not None:
        return default
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _label(value: Any, longest: int, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value or len(value) > longest or has_controls(value):
        raise ValueError(f"must be text of 1 to {longest} characters without control characters")
    return value


def _reader(check, value: Any):
    try:
        return check(value)
    except PydanticCustomError as error:
        raise ValueError(error.message()) from None


def _snapshot(value: Any) -> str | None:
    if value is None:
        return None
    try:
        parsed = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        raise ValueError("must be a JSON object, as a string")
    return value


def comment_row(values: Any, threads: dict[str, Thread], reserved: frozenset[str], ids: set[int]) -> dict:
    """The checked columns of one comment (ids: every comment id in the file or stored, for parent_id)."""
    if not isinstance(values, dict):
        raise BadRow("is not an object")
    row: dict[str, Any] = {}

    def field(name: str, check, *args):
        try:
            row[name] = check(values.get(name), *args)
        except ValueError as error:
            raise BadRow(f"{name}: {error}") from None

    field("id", _id)
    field("thread", lambda v: _label(v, 100))
    if row["thread"] not in threads:
        raise BadRow(f"thread: no post {row['thread']!r} on this site")
    field("parent_id", _id, True)
    if row["parent_id"] is not None and row["parent_id"] not in ids:
        raise BadRow(f"parent_id: no comment {row['parent_id']} in the file or the database")
    field("withdrawn_at", _moment, True)
    if row["withdrawn_at"] is not None:  # emptied by its writer: nothing of them may come back with it
        for name, empty in (("author", ""), ("email", None), ("body", ""), ("original_body", None), ("category", None)):
            field(name, lambda v, empty=empty: empty if v == empty else _fail("must be empty on a withdrawn comment"))
    else:
        field("author", lambda v: _reader(clean_name, v))
        field("email", lambda v: _reader(clean_email, v))
        field("body", lambda v: _reader(clean_body, v))
        field("original_body", lambda v: None if v is None else _reader(clean_body, v))
    field("status", lambda v: Status(v) if v in STATUSES else _fail(f"must be one of {', '.join(sorted(STATUSES))}"))
    field("is_author", _flag)
    field("notify_replies", _flag, False)
    field("notify_advice", _flag, False)
    if row["is_author"] and (row["parent_id"] is None or not is_reserved(row["author"], reserved)):
        raise BadRow("is_author: only the author's replies, under the author's name, carry the badge")
    if not row["is_author"] and is_reserved(row["author"], reserved):
        raise BadRow("author: this name is the blog author's; only their replies may carry it")
    options = threads[row["thread"]].poll.option_ids
    if row["withdrawn_at"] is None:
        field("category", lambda v: _category(v, options, is_reply=row["parent_id"] is not None))
    field("client_hash", lambda v: _label(v, 64, True))
    field("withdraw_token_hash", lambda v: _label(v, 64, True))
    field("created_at", _moment)
    field("updated_at", _moment)
    field("edited_at", _moment, True)
    field("author_mailed_at", _moment, True)
    return row


def audit_row(values: Any) -> dict:
    """The checked columns of one audit entry."""
    return _checked(values, {"id": _id, "comment_id": lambda v: _id(v, True), "actor": lambda v: _label(v, 80),
                             "action": lambda v: _label(v, 32), "at": _moment, "before": _snapshot, "after": _snapshot})


def endorsement_row(values: Any, comment_ids: set[int]) -> dict:
    """The checked columns of one endorsement: of a comment in the file or stored, a keyed hash or none (purged)."""
    return _checked(values, {"id": _id, "comment_id": lambda v: _known(_id(v), comment_ids), "reader_hash": _hash,
                             "created_at": _moment})


def _checked(values: Any, checks: dict) -> dict:
    if not isinstance(values, dict):
        raise BadRow("is not an object")
    row: dict[str, Any] = {}
    for name, check in checks.items():
        try:
            row[name] = check(values.get(name))
        except ValueError as error:
            raise BadRow(f"{name}: {error}") from None
    return row


def _known(comment_id: int, comment_ids: set[int]) -> int:
    return comment_id if comment_id in comment_ids else _fail("names no comment in the file or stored")


def _hash(value: Any) -> str | None:
    if value is None or isinstance(value, str) and HASH.fullmatch(value):
        return value
    raise ValueError("must be a keyed hash (32 hexadecimal digits) or null")


def _category(value: Any, options: tuple[str, ...], is_reply: bool) -> str | None:
    if is_reply:
        if value is not None:
            raise ValueError("a reply has no category")
        return None
    if value is not None and value not in options:  # None: a comment stored before its thread had a poll
        raise ValueError(f"must be one of {', '.join(options)}")
    return value


def _fail(message: str):
    raise ValueError(message)
