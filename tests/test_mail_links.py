"""Signed moderation links: a link acts only on the comment it was signed for, and a validly signed token
whose content is not a moderation link (another shape, an unknown verb, an id out of range) is refused."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from comments_service.domain.limits import MAX_ID
from comments_service.domain.models import Comment, Status
from comments_service.infra.database import db
from comments_service.mail.links import InvalidLink, _serializer, sign, sign_address, verify, verify_address
from tests.support.apps import build_app, close, migrated

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)


def _store(app, comment_id: int) -> None:
    with app.app_context():
        db.session.add(Comment(id=comment_id, thread="leiden-of-lijden", author="A", body="B", body_html="<p>B</p>",
                               status=Status.PENDING, created_at=NOW, updated_at=NOW))
        db.session.commit()


@pytest.fixture
def fresh_app(tmp_path):
    """On a database of its own: storing the highest id moves SQLite's id counter to its end."""
    app = build_app(migrated(f"sqlite:///{tmp_path / 'comments.sqlite3'}"))
    yield app
    close(app)


@pytest.mark.parametrize("comment_id", [1, MAX_ID])  # the first and the last id the database can hold
def test_a_link_finds_its_comment_at_either_end_of_the_ids(fresh_app, comment_id):
    app = fresh_app
    _store(app, comment_id)
    with app.app_context():
        found, action = verify(sign(db.session.get(Comment, comment_id), "spam"))
    assert (found.id, action) == (comment_id, "spam")


@pytest.mark.parametrize("payload", [
    ["approve", 1], "approve", {"id": 1}, {"id": 1, "action": "delete"}, {"id": "1", "action": "approve"},
    {"id": 1.0, "action": "approve"}, {"action": "approve"},
])
def test_a_signed_token_that_is_no_moderation_link_is_invalid(app, payload):
    with app.app_context(), pytest.raises(InvalidLink) as refused:
        verify(_serializer().dumps(payload))
    assert refused.value.expired is False


@pytest.mark.parametrize("comment_id", [0, -1, MAX_ID + 1, 2**63])
def test_an_id_the_database_cannot_hold_finds_no_comment(app, comment_id):
    with app.app_context():
        assert verify(_serializer().dumps({"id": comment_id, "action": "approve", "created": ""})) == (None, "approve")


def test_an_expired_link_says_so(make_app):
    now = [NOW]
    app = make_app(CLOCK=lambda: now[0])
    _store(app, 5)
    with app.app_context():
        token = sign(db.session.get(Comment, 5), "approve")
        now[0] += timedelta(days=7, seconds=1)
        with pytest.raises(InvalidLink) as refused:
            verify(token)
    assert refused.value.expired is True


@pytest.mark.parametrize("payload", [123, None, ["lezer@example.nl"], "geen-adres", ""])
def test_a_signed_address_token_without_an_address_is_invalid(app, payload):
    with app.app_context(), pytest.raises(InvalidLink) as refused:
        verify_address(_serializer("reader-data").dumps(payload), "data", 3600)
    assert refused.value.expired is False


def test_an_address_token_is_for_its_purpose_only(app):
    with app.app_context():
        token = sign_address("lezer@example.nl", "confirm")
        assert verify_address(token, "confirm", 3600) == "lezer@example.nl"
        with pytest.raises(InvalidLink) as refused:
            verify_address(token, "data", 3600)
    assert refused.value.expired is False
