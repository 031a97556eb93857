"""Backup: export, import into an empty database, export again: identical; importing twice adds nothing."""

from __future__ import annotations

import json

from comments_service.models import Status
from tests.support.admin import act, log_in, make_admin
from tests.support.comments import COMMENTS_URL, approved, moderate, post, stored_count


def seed(app) -> None:
    make_admin(app)
    client = app.test_client()
    log_in(client)
    parent = approved(client, author="Ans", email="ans@example.nl", body="Samen *bellen*.")
    approved(client, author="Bert", category=None, parent_id=parent)
    act(client, f"/admin/comments/{parent}/edit", body="Samen **bellen**.")
    act(client, f"/admin/comments/{parent}/reply", body="Dank!")
    moderate(app, Status.SPAM, post(client, author="Spammer").get_json()["id"])
    post(client, author="Wacht", email="wacht@example.nl")


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
    assert len(first["comments"]) == 5 and len(first["audit"]) >= 5
    assert {c["status"] for c in first["comments"]} == {"approved", "spam", "pending"}
    assert "ans@example.nl" in json.dumps(first)
    wipe()
    empty = make_app()
    result = empty.test_cli_runner().invoke(args=["import", str(tmp_path / "first.json")])
    assert result.exit_code == 0 and "added 5 comment(s)" in result.output
    assert export(empty, tmp_path / "second.json") == first


def test_importing_twice_duplicates_nothing_and_new_comments_still_get_ids(make_app, tmp_path):
    app = make_app()
    seed(app)
    export(app, tmp_path / "backup.json")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", str(tmp_path / "backup.json")])
    assert "added 0 comment(s) and 0 audit entries" in result.output
    assert stored_count(app) == 5
    assert post(app.test_client()).status_code == 201


def test_after_an_import_into_an_empty_database_posting_goes_on(make_app, wipe, tmp_path):
    app = make_app()
    seed(app)
    export(app, tmp_path / "backup.json")
    wipe()
    restored = make_app()
    restored.test_cli_runner().invoke(args=["import", str(tmp_path / "backup.json")])
    client = restored.test_client()
    assert post(client).status_code == 201 and stored_count(restored) == 6
    assert len(client.get(COMMENTS_URL).get_json()) == 1


def test_a_broken_backup_is_refused(app, tmp_path):
    (tmp_path / "broken.json").write_text('{"comments": []}', encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", str(tmp_path / "broken.json")])
    assert result.exit_code != 0 and "not a valid backup" in result.output
