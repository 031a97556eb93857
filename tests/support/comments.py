"""Helpers for the API tests: post a comment, moderate it, count what is stored."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from comments_service.domain import reader_data
from comments_service.domain.models import Comment, Status
from comments_service.domain.moderation import set_status
from comments_service.domain.versions import bump
from comments_service.infra.database import db

THREAD = "leiden-of-lijden"
COMMENTS_URL = f"/api/threads/{THREAD}/comments"
POLL_URL = f"/api/threads/{THREAD}/poll"
VALID = {"author": "Petra", "body": "Ik zou zelf meebellen.", "category": "voorbeeld"}


def post(client, **fields):
    """POST a JSON comment: the valid defaults with fields replaced (None removes a field)."""
    payload = {key: value for key, value in {**VALID, **fields}.items() if value is not None}
    return client.post(COMMENTS_URL, json=payload)


def every_page(client, url: str = COMMENTS_URL) -> list[dict]:
    """The approved conversation across all its pages, following each answer's Link rel="next"."""
    comments: list[dict] = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.get_data(as_text=True)
        comments += response.get_json()
        url = next_link(response)
    return comments


def next_link(response) -> str | None:
    """The target of the answer's rel="next" link (RFC 8288), if it has one."""
    found = re.search(r'<([^>]*)>\s*;\s*rel="next"', response.headers.get("Link", ""))
    return found.group(1) if found else None


def moderate(app, status: Status, *ids: int) -> None:
    """Move comments to a status, as the author would."""
    with app.app_context():
        set_status(list(ids), status, datetime.now(timezone.utc))
        db.session.commit()


def approved(client, **fields) -> int:
    """Post a comment and approve it; returns its id."""
    response = post(client, **fields)
    assert response.status_code == 201, response.get_json()
    moderate(client.application, Status.APPROVED, response.get_json()["id"])
    return response.get_json()["id"]


def store_raw(app, category: str | None, count: int, thread: str = THREAD, status: Status = Status.APPROVED) -> list[int]:
    """Comments stored as they may be after the front matter changed (past the edge's checks); their ids."""
    now = datetime.now(timezone.utc)
    with app.app_context():
        rows = [Comment(thread=thread, author="A", body="B", body_html="<p>B</p>", category=category,
                        status=status, created_at=now, updated_at=now) for _ in range(count)]
        db.session.add_all(rows)
        db.session.commit()
        return [row.id for row in rows]


def store_approved(app, count: int, options: list[str], same_time: bool = False, first_minute: int = 0) -> list[int]:
    """Approved top-level comments "Antwoord n" by "Lezer n", a minute apart from 1 March 2026 09:00 UTC (or all
    at that moment), taking the options in turn; their ids."""
    start = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    with app.app_context():
        rows = [Comment(thread=THREAD, author=f"Lezer {n}", body=f"Antwoord {n}", body_html=f"<p>Antwoord {n}</p>",
                        category=options[n % len(options)], status=Status.APPROVED,
                        created_at=start + timedelta(minutes=0 if same_time else first_minute + n), updated_at=start)
                for n in range(count)]
        db.session.add_all(rows)
        bump(THREAD)
        db.session.commit()
        return [row.id for row in rows]


def stored_count(app) -> int:
    """How many comments the database holds, in every state."""
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(Comment))


def stored(app, comment_id: int) -> Comment | None:
    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        if comment is not None:
            db.session.expunge(comment)
        return comment


def withdrawn_with_an_answer(app) -> int:
    """Ans's published comment, with Bert's published answer under it, withdrawn by Ans (her data page's erasure):
    her comment's id."""
    client = app.test_client()
    mine = approved(client, author="Ans", email="ans@example.nl", category="anders", body="Mijn aanpak")
    approved(client, author="Bert", category=None, parent_id=mine, body="Goed idee")
    with app.app_context():
        reader_data.erase("ans@example.nl", None, datetime.now(timezone.utc))
        db.session.commit()
    return mine
