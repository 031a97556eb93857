"""The author's command line: list and moderate comments."""

from __future__ import annotations

import json

from comments_service.domain.models import Status
from tests.support.comments import COMMENTS_URL, POLL_URL, post, stored


def test_list_json_prints_only_a_json_array(client, runner):
    first = post(client, author="Ans").get_json()["id"]
    post(client, author="Bert", category="coachen")
    result = runner.invoke(args=["comments", "list", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [row["author"] for row in rows] == ["Ans", "Bert"]
    assert {"id", "thread", "author", "status", "category", "created_at"} <= set(rows[0])
    assert (rows[0]["id"], rows[0]["status"], rows[0]["category"]) == (first, "pending", "voorbeeld")


def test_list_filters_by_status(client, runner):
    keep = post(client).get_json()["id"]
    other = post(client).get_json()["id"]
    runner.invoke(args=["comments", "spam", str(other)])
    rows = json.loads(runner.invoke(args=["comments", "list", "--status", "pending", "--json"]).stdout)
    assert [row["id"] for row in rows] == [keep]


def test_list_without_json_is_readable(client, runner):
    post(client, author="Carla", body="Eerste regel\nTweede")
    result = runner.invoke(args=["comments", "list"])
    assert "Carla: Eerste regel" in result.stdout and "1 comment(s)" in result.stdout


def test_approve_publishes_and_counts(client, runner):
    ids = [str(post(client).get_json()["id"]) for _ in range(2)]
    result = runner.invoke(args=["comments", "approve", *ids])
    assert result.exit_code == 0 and result.stdout.strip() == f"approved: {', '.join(ids)}"
    assert len(client.get(COMMENTS_URL).get_json()) == 2
    assert client.get(POLL_URL).get_json()["total"] == 2


def test_reject_and_spam_set_the_status(client, runner):
    one, two = (post(client).get_json()["id"] for _ in range(2))
    runner.invoke(args=["comments", "reject", str(one)])
    runner.invoke(args=["comments", "spam", str(two)])
    assert stored(client.application, one).status == Status.REJECTED
    assert stored(client.application, two).status == Status.SPAM


def test_an_unknown_id_changes_nothing(client, runner):
    known = post(client).get_json()["id"]
    result = runner.invoke(args=["comments", "approve", "999999", str(known), "999998"])
    assert result.exit_code != 0 and "Error: no comment with id 999998, 999999\n" in result.output
    assert stored(client.application, known).status == Status.PENDING
