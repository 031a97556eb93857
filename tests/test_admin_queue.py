"""The moderation queue: filters, flags, and every action's effect on the public list and tally, audited."""

from __future__ import annotations

import re

import pytest

from comments_service.domain.audit import AuditEntry
from comments_service.domain.models import Status
from comments_service.infra.database import db
from tests.support.admin import act, csrf_token
from tests.support.comments import (
    COMMENTS_URL,
    POLL_URL,
    approved,
    post,
    store_raw,
    stored,
    stored_count,
)
from tests.support.html_parse import html_text


def public(client):
    return client.get(COMMENTS_URL).get_json(), client.get(POLL_URL).get_json()


def trail(app, comment_id):
    with app.app_context():
        entries = db.select(AuditEntry).where(AuditEntry.comment_id == comment_id).order_by(AuditEntry.id)
        return [(e.actor, e.action) for e in db.session.scalars(entries)]


def test_the_queue_shows_pending_first_with_counts_and_details(app, admin):
    waiting = post(admin, author="Nieuw", email="nieuw@example.nl", body="Zie https://example.nl").get_json()["id"]
    done = approved(admin, author="Oud", email="oud@example.nl")  # newer, yet after what waits
    later = post(admin, author="Later", body="Nog een wachtende reactie.").get_json()["id"]
    page = admin.get("/admin/").get_data(as_text=True)
    assert page.index(f'id="reactie-{later}"') < page.index(f'id="reactie-{waiting}"') < page.index(f'id="reactie-{done}"')
    assert "wacht: 2" in page and "goedgekeurd: 1" in page and "spam: 0" in page
    assert "nieuw@example.nl" in page and "bevat links" in page


@pytest.mark.parametrize(("query", "shown", "hidden"), [
    ("status=pending", "Wachtend", "Gepubliceerd"),
    ("category=coachen", "Wachtend", "Gepubliceerd"),
    ("q=zeilscheepje", "Gepubliceerd", "Wachtend"),
    ("thread=leiden-of-lijden&q=wachtend", "Wachtend", "Gepubliceerd"),
])
def test_filters_and_search(admin, query, shown, hidden):
    approved(admin, author="Gepubliceerd", body="Over het zeilscheepje", category="voorbeeld")
    post(admin, author="Wachtend", body="Een wachtende reactie", category="coachen")
    page = admin.get(f"/admin/?{query}").get_data(as_text=True)
    assert shown in page and hidden not in page


@pytest.mark.parametrize(("q", "found"), [
    ("100%", ["Procent"]), ("_", ["Streep"]), ("%", ["Procent"]), ("\\", []), ("PROCENT", ["Procent"]),
    ("ans@voorbeeld", ["Adres"]), ("nergens", []),
])
def test_search_takes_its_text_literally_in_names_texts_and_addresses(admin, q, found):
    """% and _ are no wildcards; case does not matter; an address is searched too (the author's own list)."""
    post(admin, author="Procent", body="Ik ben er 100% zeker van.")
    post(admin, author="Streep", body="Een_tekst met een liggend streepje.")
    post(admin, author="Adres", email="ans@voorbeeld.nl", body="Gewoon een reactie.")
    page = admin.get("/admin/", query_string={"q": q}).get_data(as_text=True)
    cards = re.findall(r'<article class="card" id="reactie-\d+">', page)
    assert len(cards) == len(found) and all(name in page for name in found), q


@pytest.mark.parametrize(("action", "status", "listed"), [("approve", Status.APPROVED, 1), ("reject", Status.REJECTED, 0), ("spam", Status.SPAM, 0)])
def test_status_actions_change_the_public_list_and_tally_at_once(app, admin, action, status, listed):
    comment_id = post(admin).get_json()["id"]
    response = act(admin, f"/admin/comments/{comment_id}/{action}", next="/admin/?status=pending")
    assert (response.status_code, response.headers["Location"]) == (303, "/admin/?status=pending")
    comments, poll = public(admin)
    assert len(comments) == listed and poll["total"] == listed
    assert stored(app, comment_id).status == status
    assert trail(app, comment_id) == [("auteur", status.value)]


def test_changing_the_approach_moves_the_vote(app, admin):
    comment_id = approved(admin, category="voorbeeld")
    act(admin, f"/admin/comments/{comment_id}/category", category="afspraken")
    counts = {option["id"]: option["count"] for option in public(admin)[1]["options"]}
    assert counts["voorbeeld"] == 0 and counts["afspraken"] == 1
    assert act(admin, f"/admin/comments/{comment_id}/category", category="bestaat-niet").status_code == 400


def test_an_edit_keeps_the_original_and_is_marked(app, admin):
    comment_id = approved(admin, body="Ik zou samen belen.")
    act(admin, f"/admin/comments/{comment_id}/edit", body="Ik zou samen bellen.")
    comment = public(admin)[0][0]
    assert comment["body_html"] == "<p>Ik zou samen bellen.</p>" and comment["edited_at"] is not None
    assert stored(app, comment_id).body == "Ik zou samen bellen."
    assert stored(app, comment_id).original_body == "Ik zou samen belen."
    act(admin, f"/admin/comments/{comment_id}/edit", body="Nu *samen* [bellen](https://example.nl) <b>echt</b>")
    assert stored(app, comment_id).body_html == public(admin)[0][0]["body_html"] == (
        '<p>Nu <em>samen</em> <a href="https://example.nl" rel="nofollow noopener ugc">bellen</a> &lt;b&gt;echt&lt;/b&gt;</p>')
    assert stored(app, comment_id).original_body == "Ik zou samen belen."  # the reader's text, not the first edit
    assert "Oorspronkelijke tekst" in admin.get("/admin/").get_data(as_text=True)


def test_a_reply_as_author_is_published_at_once_and_marked(app, admin):
    comment_id = approved(admin)
    act(admin, f"/admin/comments/{comment_id}/reply", body="Dank voor je **reactie**!")
    reply = public(admin)[0][0]["replies"][0]
    assert reply["is_author"] is True and reply["author"] == "Redactie"
    assert reply["body_html"] == "<p>Dank voor je <strong>reactie</strong>!</p>"
    assert public(admin)[1]["total"] == 1


def test_a_reply_needs_an_approved_top_level_comment(admin):
    comment_id = post(admin).get_json()["id"]
    assert act(admin, f"/admin/comments/{comment_id}/reply", body="Nee").status_code == 409


def test_delete_for_good_asks_first_then_removes_it_and_its_replies(app, admin):
    comment_id = approved(admin)
    approved(admin, category=None, parent_id=comment_id)
    confirm = admin.get(f"/admin/comments/{comment_id}/delete")
    assert confirm.status_code == 200 and "Ja, definitief verwijderen" in confirm.get_data(as_text=True)
    assert stored_count(app) == 2
    act(admin, f"/admin/comments/{comment_id}/delete")
    assert stored_count(app) == 0 and public(admin)[0] == []
    assert trail(app, comment_id)[-1] == ("auteur", "delete")


def test_bulk_approves_a_selection(app, admin):
    ids = [post(admin).get_json()["id"] for _ in range(3)]
    token = csrf_token(admin, "/admin/")
    response = admin.post("/admin/bulk", data={"csrf_token": token, "action": "approve", "ids": [str(i) for i in ids[:2]]})
    assert response.status_code == 303
    assert public(admin)[1]["total"] == 2 and stored(app, ids[2]).status == Status.PENDING


def test_the_trail_is_shown_with_the_comment_in_dutch(app, admin):
    comment_id = post(admin).get_json()["id"]
    act(admin, f"/admin/comments/{comment_id}/approve")
    act(admin, f"/admin/comments/{comment_id}/category", category="coachen")
    act(admin, f"/admin/comments/{comment_id}/edit", body="Een betere tekst.")
    act(admin, f"/admin/comments/{comment_id}/reject")
    page = re.sub(r"\s+", " ", html_text(admin.get("/admin/").get_data(as_text=True)))
    assert "Logboek (4)" in page
    assert "goedgekeurd · status: wacht → goedgekeurd" in page
    assert "aanpak gewijzigd · aanpak: Zelf het voorbeeld geven → Coachen" in page
    assert "tekst bewerkt · tekst: … → nieuwe tekst" in page and "afgewezen · status: goedgekeurd → afgewezen" in page
    assert not re.search(r"\b(approved|rejected|recategorise|pending|category|body)\b", page.split("Logboek (4)")[1])


@pytest.mark.parametrize("path", ["/admin/comments/999999/approve", "/admin/comments/999999/delete"])
def test_an_unknown_comment_is_a_dutch_404(admin, path):
    response = act(admin, path)
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "bestaat niet" in response.get_data(as_text=True)


def test_the_dashboard_shows_the_poll_pending_and_comments_per_day(app, admin):
    approved(admin, category="coachen")
    post(admin)
    page = admin.get("/admin/threads/leiden-of-lijden").get_data(as_text=True)
    assert "1 wachtend op goedkeuring" in page
    assert "Coachen: uitzoeken wat er achter de smoesjes zit: <strong>1 (100%)</strong>" in page
    assert '<svg viewBox="0 0 300 74"' in page and ": 2</title>" in page
    assert admin.get("/admin/threads/bestaat-niet").status_code == 404


def test_the_queue_pages_through_everything_fifty_a_page_pending_first(app, admin):
    published = [approved(admin, author=f"Gepubliceerd {number}") for number in range(5)]
    for number in range(53):
        post(admin, author=f"Lezer {number}")
    first = admin.get("/admin/?status=pending").get_data(as_text=True)
    second = admin.get("/admin/?status=pending&page=2").get_data(as_text=True)
    assert first.count('class="card"') == 50 and "Volgende" in first
    assert second.count('class="card"') == 3 and "Vorige" in second and "Volgende" not in second
    everything = [admin.get(f"/admin/?page={number}").get_data(as_text=True) for number in (1, 2)]
    assert "Gepubliceerd" not in everything[0] and everything[1].count("Gepubliceerd") == len(published)
    assert admin.get("/admin/?page=abc").status_code == 200


def test_a_queue_of_exactly_one_page_offers_no_next(app, admin):
    store_raw(app, "coachen", 50, status=Status.PENDING)
    page = admin.get("/admin/?status=pending").get_data(as_text=True)
    assert page.count('class="card"') == 50 and "Volgende" not in page


def test_a_card_offers_only_the_changes_it_can_make_and_a_reply_names_its_comment(app, admin):
    parent = approved(admin, author="Joost", body="Zelf **meebellen** met het team, elke maandag.")
    reply = post(admin, author="Anna", category=None, parent_id=parent, body="Eens!").get_json()["id"]
    page = admin.get("/admin/").get_data(as_text=True)
    cards = {int(n): html for n, html in re.findall(r'<article class="card" id="reactie-(\d+)">(.*?)</article>', page, re.DOTALL)}
    buttons = {n: re.findall(r'<button type="submit">([^<]+)</button>', html) for n, html in cards.items()}
    assert "Goedkeuren" not in buttons[parent] and {"Afwijzen", "Spam"} <= set(buttons[parent])
    assert {"Goedkeuren", "Afwijzen", "Spam"} <= set(buttons[reply])
    shown = re.sub(r"\s+", " ", html_text(cards[reply]))
    assert "antwoord op Joost: Zelf **meebellen** met het team, elke maandag." in shown
    assert f'href="#reactie-{parent}"' in cards[reply] and "Leiden of lijden" in shown and "leiden-of-lijden" not in shown
