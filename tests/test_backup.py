"""Backup: export, import into an empty database, export again: identical; importing twice adds nothing."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from comments_service.domain import reader_data
from comments_service.domain.audit import AuditEntry
from comments_service.domain.models import Status
from comments_service.infra.database import db
from tests.support.admin import act, log_in, make_admin
from tests.support.comments import COMMENTS_URL, approved, moderate, post, stored_count
from tests.support.endorse import KEY, OTHER, endorse


def seed(app) -> None:
    make_admin(app)
    client = app.test_client()
    log_in(client)
    parent = approved(client, author="Ans", email="ans@example.nl", body="Samen *bellen*.")
    approved(client, author="Bert", category=None, parent_id=parent)
    act(client, f"/admin/comments/{parent}/edit", body="Samen **bellen**.")
    act(client, f"/admin/comments/{parent}/reply", body="Dank!")
    endorse(client, parent, KEY), endorse(client, parent, OTHER)
    moderate(app, Status.SPAM, post(client, author="Spammer").get_json()["id"])
    post(client, author="Wacht", email="wacht@example.nl")
    kept = approved(client, author="Cor", email="cor@example.nl", body="Ingetrokken")  # withdrawn after Bert answered
    approved(client, author="Bert", category=None, parent_id=kept)
    with app.app_context():
        reader_data.erase("cor@example.nl", None, datetime.now(timezone.utc))
        db.session.commit()


def export(app, path) -> dict:
    result = app.test_cli_runner().invoke(args=["export", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("exported_at")
    return data


def test_a_round_trip_is_lossless(make_app, wipe, tmp_path):
    app = make_app()
    seed(app)
    first = export(app, tmp_path / "first.json")
    assert len(first["comments"]) == 7 and len(first["audit"]) >= 5 and len(first["endorsements"]) == 2
    assert KEY not in json.dumps(first)  # only the keyed hashes
    assert [(c["author"], c["body"]) for c in first["comments"] if c["withdrawn_at"]] == [("", "")]
    assert {c["status"] for c in first["comments"]} == {"approved", "spam", "pending"}
    assert "ans@example.nl" in json.dumps(first)
    wipe()
    empty = make_app()
    result = empty.test_cli_runner().invoke(args=["import", str(tmp_path / "first.json")])
    assert result.exit_code == 0 and "added 7 comment(s)" in result.output and "and 2 endorsement(s)" in result.output
    assert export(empty, tmp_path / "second.json") == first


def test_importing_twice_duplicates_nothing_and_new_comments_still_get_ids(make_app, tmp_path):
    app = make_app()
    seed(app)
    export(app, tmp_path / "backup.json")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", str(tmp_path / "backup.json")])
    assert "added 0 comment(s), 0 audit entries and 0 endorsement(s)" in result.output
    assert stored_count(app) == 7
    assert post(app.test_client()).status_code == 201


def test_after_an_import_into_an_empty_database_posting_goes_on(make_app, wipe, tmp_path):
    app = make_app()
    seed(app)
    export(app, tmp_path / "backup.json")
    wipe()
    restored = make_app()
    imported = restored.test_cli_runner().invoke(args=["import", str(tmp_path / "backup.json")])
    assert imported.exit_code == 0, imported.output
    client = restored.test_client()
    assert post(client).status_code == 201 and stored_count(restored) == 8
    assert len(client.get(COMMENTS_URL).get_json()) == 2  # Ans, and the withdrawn one above Bert


def test_a_broken_backup_is_refused(app, tmp_path):
    (tmp_path / "broken.json").write_text('{"comments": []}', encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", str(tmp_path / "broken.json")])
    assert result.exit_code != 0 and "not a valid backup" in result.output


def _one_row_changed(app, tmp_path, table: str, change: dict) -> tuple[str, int]:
    """Export the seeded data, change one row of table, import the file into the same database."""
    seed(app)
    data = export(app, tmp_path / "backup.json")
    data["format"] = 1
    index = len(data[table]) - 1
    data[table][index] = {**data[table][index], "id": 9000, **change}
    for row in data[table]:
        row.pop("email_key", None)
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = stored_count(app)
    result = app.test_cli_runner().invoke(args=["import", str(path)])
    assert stored_count(app) == before  # nothing of the file is stored
    return result.output, result.exit_code


REFUSED_COMMENTS = [
    ({"body": "x" * 2_000_000}, "body"),
    ({"body": "   "}, "body"),
    ({"body": "a\x00b"}, "body"),
    ({"author": "x" * 500}, "author"),
    ({"author": "Jan\x1b[31mRood"}, "author"),
    ({"author": "=?UTF-8?Q?x=0D=0ABcc:evil@example.org?="}, "author"),
    ({"author": "Jan\u202e"}, "author"),
    ({"author": "Redactie", "is_author": False}, "author"),
    ({"author": "Petra", "is_author": True}, "is_author"),  # a fake badge
    ({"author": "Redactie", "is_author": True, "parent_id": None}, "is_author"),
    ({"email": "geen-adres"}, "email"),
    ({"email": "=?utf-8?q?x?=@example.com"}, "email"),
    ({"id": "12"}, "id"), ({"id": 0}, "id"), ({"id": 2**31}, "id"), ({"id": True}, "id"), ({"id": None}, "id"),
    ({"parent_id": 123456}, "parent_id"), ({"parent_id": "1"}, "parent_id"),
    ({"created_at": "2026-11-27T09:00:00"}, "created_at"),  # naive
    ({"created_at": "gisteren"}, "created_at"), ({"updated_at": 1764234000}, "updated_at"),
    ({"status": "gepubliceerd"}, "status"), ({"status": None}, "status"),
    ({"is_author": "false"}, "is_author"), ({"notify_replies": 1}, "notify_replies"),
    ({"thread": "bestaat-niet"}, "thread"), ({"thread": ["x"]}, "thread"),
    ({"category": "onbekend", "parent_id": None}, "category"),
    ({"client_hash": "x" * 65}, "client_hash"),
    ({"body": "Jan\ufffe"}, "body"),
    ({"withdrawn_at": "2026-11-27T09:00:00Z"}, "author"),  # withdrawn, yet with a name (the last row is Bert's)
    ({"withdrawn_at": "2026-11-27T09:00:00Z", "author": "", "body": "", "email": "bert@example.nl"}, "email"),
    ({"withdrawn_at": "2026-11-27T09:00:00Z", "author": "", "body": "", "email": None, "original_body": None,
      "category": "coachen"}, "category"),
]


@pytest.mark.parametrize(("change", "field"), REFUSED_COMMENTS)
def test_a_bad_comment_row_refuses_the_whole_file_naming_row_and_field(make_app, tmp_path, change, field):
    output, code = _one_row_changed(make_app(), tmp_path, "comments", change)
    assert code != 0 and "not a valid backup: comments[" in output and f"): {field}: " in output, output
    assert "Traceback" not in output and len(output.splitlines()) == 1


@pytest.mark.parametrize(("change", "field"), [
    ({"before": "{niet json"}, "before"), ({"after": "[1, 2]"}, "after"), ({"before": {"status": "x"}}, "before"),
    ({"at": "2026-11-27T09:00:00"}, "at"), ({"actor": "x" * 81}, "actor"), ({"action": "a\nb"}, "action"),
    ({"comment_id": -1}, "comment_id"), ({"id": 1.5}, "id"),
])
def test_a_bad_audit_row_refuses_the_whole_file(make_app, tmp_path, change, field):
    output, code = _one_row_changed(make_app(), tmp_path, "audit", change)
    assert code != 0 and "not a valid backup: audit[" in output and f"): {field}: " in output, output


@pytest.mark.parametrize("document", ['{"format": 1, "comments": {}}', '[1]', '{"format": 2}', 'geen json', '{"format": 1, "comments": [1]}'])
def test_a_file_that_is_no_backup_is_refused_in_one_line(app, tmp_path, document):
    (tmp_path / "broken.json").write_text(document, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", str(tmp_path / "broken.json")])
    assert result.exit_code != 0 and result.output.startswith("Error: not a valid backup") and "Traceback" not in result.output


@pytest.mark.parametrize("stored", ["{niet json", "[1, 2]", "42", '"tekst"', "null"])
def test_the_admin_shows_a_damaged_trail_entry_without_failing(make_app, stored):
    app = make_app()
    make_admin(app)
    client = app.test_client()
    log_in(client)
    comment_id = post(client).get_json()["id"]
    with app.app_context():
        db.session.add(AuditEntry(comment_id=comment_id, actor="oud", action="edit", at=datetime.now(timezone.utc),
                                  before=stored, after='{"status": "pending"}'))
        db.session.commit()
    page = client.get("/admin/?status=pending")
    assert page.status_code == 200 and "oud" in page.get_data(as_text=True)


@pytest.mark.parametrize(("change", "field"), [
    ({"comment_id": 999999}, "comment_id"), ({"comment_id": "1"}, "comment_id"), ({"comment_id": [1]}, "comment_id"), ({"reader_hash": "A" * 32}, "reader_hash"),
    ({"reader_hash": "a" * 31}, "reader_hash"), ({"reader_hash": 5}, "reader_hash"), ({"created_at": "2026-11-27T09:00:00"}, "created_at"),
    ({"id": 0}, "id"),
])
def test_a_bad_endorsement_row_refuses_the_whole_file(make_app, tmp_path, change, field):
    output, code = _one_row_changed(make_app(), tmp_path, "endorsements", change)
    assert code != 0 and "not a valid backup: endorsements[" in output and f"): {field}: " in output, output


def test_an_endorsement_already_stored_under_another_id_is_not_added_twice(make_app, tmp_path):
    app = make_app()
    answer = approved(app.test_client())
    endorse(app.test_client(), answer, KEY)
    data = export(app, tmp_path / "one.json")
    data["endorsements"] = [{**row, "id": row["id"] + 100} for row in data["endorsements"]] * 2
    data["exported_at"] = "2026-12-03T00:00:00+00:00"
    (tmp_path / "two.json").write_text(json.dumps(data), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", str(tmp_path / "two.json")])
    assert result.exit_code == 0 and "and 0 endorsement(s)" in result.output, result.output
    assert app.test_client().get(COMMENTS_URL).get_json()[0]["endorsements"] == 1
