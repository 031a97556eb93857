"""The author is told what each action did, in Dutch, on the page it returns to; a status change can be undone
("Ongedaan maken"), through moderation and so in the log; a bulk action on nothing says so."""

from __future__ import annotations

import re

import pytest

from comments_service.domain.models import Status
from tests.support.admin import act, csrf_token
from tests.support.comments import approved, moderate, post, stored
from tests.support.html_parse import html_text


def told(client) -> str:
    """The messages on the next admin page (shown once)."""
    page = client.get("/admin/").get_data(as_text=True)
    found = re.search(r'<div class="flash" role="status">(.*?)</div>', page, re.DOTALL)
    return re.sub(r"\s+", " ", html_text(found.group(1))).strip()


@pytest.mark.parametrize(("verb", "words"), [("approve", "goedgekeurd"), ("reject", "afgewezen"), ("spam", "als spam gemarkeerd")])
def test_a_status_change_is_told_and_offers_to_undo_it(admin, verb, words):
    comment = post(admin).get_json()["id"]
    act(admin, f"/admin/comments/{comment}/{verb}")
    assert told(admin) == f"Reactie #{comment} {words}. Ongedaan maken"
    assert told(admin) == ""  # once


def test_every_other_action_is_told(app, admin):
    comment = approved(admin)
    act(admin, f"/admin/comments/{comment}/category", category="coachen")
    assert told(admin) == f"Aanpak van #{comment} gewijzigd in “Coachen”."
    act(admin, f"/admin/comments/{comment}/edit", body="Beter zo.")
    assert told(admin) == f"Tekst van #{comment} opgeslagen."
    act(admin, f"/admin/comments/{comment}/reply", body="Dank je!")
    assert told(admin) == f"Je antwoord op #{comment} staat online."
    act(admin, f"/admin/comments/{comment}/delete")
    assert told(admin) == f"Reactie #{comment} is definitief verwijderd."


def test_a_bulk_action_on_nothing_says_so_and_changes_nothing(app, admin):
    comment = post(admin).get_json()["id"]
    act(admin, "/admin/bulk", action="approve")
    assert told(admin) == "Er is niets goedgekeurd: kies eerst een of meer reacties met de vinkjes."
    assert stored(app, comment).status == Status.PENDING


def test_undo_puts_each_comment_back_where_it_was_and_is_logged(app, admin):
    waiting = post(admin).get_json()["id"]
    refused = post(admin, author="Kees").get_json()["id"]
    moderate(app, Status.REJECTED, refused)
    already = post(admin, author="Spam").get_json()["id"]
    moderate(app, Status.SPAM, already)
    act(admin, "/admin/bulk", action="spam", ids=[str(waiting), str(refused), str(already)])
    assert told(admin) == "3 reacties als spam gemarkeerd. Ongedaan maken"
    act(admin, "/admin/ongedaan")
    assert told(admin) == "Ongedaan gemaakt: 2 reacties staan weer zoals ze stonden."
    assert [stored(app, n).status for n in (waiting, refused, already)] == [Status.PENDING, Status.REJECTED, Status.SPAM]
    log = re.sub(r"\s+", " ", html_text(admin.get("/admin/?status=pending").get_data(as_text=True)))
    assert "auteur · terug naar wachtend · status: spam → wacht" in log
    act(admin, "/admin/ongedaan")
    assert told(admin) == "Er is niets meer om ongedaan te maken."
    assert stored(app, waiting).status == Status.PENDING


def test_undo_of_one_says_where_it_stands_and_skips_what_was_deleted(app, admin):
    comment = post(admin).get_json()["id"]
    act(admin, f"/admin/comments/{comment}/approve")
    act(admin, "/admin/ongedaan")
    assert told(admin) == f"Ongedaan gemaakt: reactie #{comment} staat weer op “wacht”."
    other = post(admin).get_json()["id"]
    act(admin, f"/admin/comments/{other}/approve")
    act(admin, f"/admin/comments/{other}/delete")
    act(admin, "/admin/ongedaan")
    assert told(admin) == "Er is niets meer om ongedaan te maken: die reacties zijn intussen verwijderd."


def test_undo_needs_its_token(app, admin):
    comment = post(admin).get_json()["id"]
    act(admin, f"/admin/comments/{comment}/approve")
    assert admin.post("/admin/ongedaan", data={"next": "/admin/"}).status_code == 400
    assert admin.post("/admin/ongedaan", data={"csrf_token": csrf_token(app.test_client())}).status_code == 400
    assert stored(app, comment).status == Status.APPROVED


def test_messages_nobody_saw_do_not_pile_up_in_the_session_cookie(app, admin):
    """Actions with no page shown in between (a script, many tabs): only the last message waits."""
    comments = [post(admin, author=f"Lezer {n}").get_json()["id"] for n in range(120)]
    token = csrf_token(admin, "/admin/")
    for comment in comments:
        assert admin.post(f"/admin/comments/{comment}/approve", data={"csrf_token": token}).status_code == 303
    cookie = admin.get_cookie("session", path="/admin")
    assert len(cookie.value) < 1000
    assert told(admin) == f"Reactie #{comments[-1]} goedgekeurd. Ongedaan maken"
