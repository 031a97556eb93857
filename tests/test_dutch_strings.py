"""The Dutch of what readers and the author read, asserted where it is rendered (issue 17's list of slips)."""

from __future__ import annotations

import re

import pytest

from tests.support.admin import csrf_token, log_in, make_admin
from tests.support.comments import approved, post, stored
from tests.support.html_parse import html_text
from tests.support.smtp import smtp_server, wait_for


@pytest.mark.parametrize(("replies", "sentence"), [
    (0, "De reactie verdwijnt voorgoed."),
    (1, "De reactie en het antwoord eronder verdwijnen voorgoed."),
    (2, "De reactie en de 2 antwoorden eronder verdwijnen voorgoed."),
])
def test_the_delete_confirmation_agrees_in_number(app, replies, sentence):
    make_admin(app)
    admin = app.test_client()
    log_in(admin)
    comment = approved(admin)
    for number in range(replies):
        approved(admin, author=f"Antwoord {number}", category=None, parent_id=comment)
    page = html_text(admin.get(f"/admin/comments/{comment}/delete").get_data(as_text=True))
    assert sentence in re.sub(r"\s+", " ", page)


def test_the_authors_mail_says_nieuw_antwoord_and_nieuwe_reactie(make_app):
    with smtp_server() as (port, inbox):
        app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=port, NOTIFY_TO="auteur@example.nl")
        client = app.test_client()
        parent = approved(client)
        wait_for(lambda: inbox and inbox[0])
        post(client, author="Anna", category=None, parent_id=parent)
        reply_mail = wait_for(lambda: len(inbox) == 2 and inbox[1])
    assert inbox[0]["Subject"].startswith("Nieuwe reactie op ")
    assert inbox[0].get_body(("plain",)).get_content().startswith("Er is een nieuwe reactie die wacht op goedkeuring.")
    assert reply_mail["Subject"].startswith("Nieuw antwoord op ")
    for part in ("plain", "html"):
        text = html_text(reply_mail.get_body((part,)).get_content())
        assert "Er is een nieuw antwoord dat wacht op goedkeuring." in text and "nieuwe antwoord" not in text


@pytest.mark.parametrize("action", ["edit", "reply"])
@pytest.mark.parametrize(("text", "message"), [
    ("", "Vul een tekst in: een lege tekst kan niet."), ("   \n ", "Vul een tekst in: een lege tekst kan niet."),
    ("x" * 5001, "Een tekst mag hoogstens 5000 tekens lang zijn."),
])
def test_an_empty_or_too_long_author_text_is_refused_in_dutch(app, action, text, message):
    make_admin(app)
    admin = app.test_client()
    log_in(admin)
    comment = approved(admin, body="Eerst.")
    token = csrf_token(admin, "/admin/")
    response = admin.post(f"/admin/comments/{comment}/{action}", data={"csrf_token": token, "body": text})
    page = html_text(response.get_data(as_text=True))
    assert response.status_code == 400 and message in page and "kon niet worden gelezen" not in page
    assert stored(app, comment).body == "Eerst." and admin.get("/api/threads/leiden-of-lijden/comments").get_json()[0]["replies"] == []
    queue = admin.get("/admin/").get_data(as_text=True)
    assert queue.count('required maxlength="5000"') >= 2  # the browser stops an empty text first


def test_a_missing_token_is_still_a_plain_refusal(app):
    make_admin(app)
    admin = app.test_client()
    log_in(admin)
    comment = approved(admin, body="Eerst.")
    assert admin.post(f"/admin/comments/{comment}/edit", data={"body": ""}).status_code == 400
    assert stored(app, comment).body == "Eerst."


def test_materials_own_strings_read_as_dutch(built_site):
    """Material's strings in the built post: corrected where its Dutch read wrong or stayed English."""
    html = (built_site / "blog" / "leiden-of-lijden" / "index.html").read_text(encoding="utf-8")
    for wrong in ('aria-label="Header"', '"Footer"', "geüpdatet", "1 overeenkomende document", ">Home<", "initialiseren"):
        assert wrong not in html, wrong
    assert 'aria-label="Paginakop"' in html and 'title="RSS-feed met bijgewerkte berichten"' in html
    assert '"search.result.one": "1 overeenkomend document"' in html  # what the search box says of one hit
    assert re.search(r'class="md-nav__link"[^>]*>\s*<span class="md-ellipsis">\s*Start\s*</span>', html)
