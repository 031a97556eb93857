"""The Dutch of what readers and the author read, asserted where it is rendered (issue 17's list of slips)."""

from __future__ import annotations

import re

import pytest

from tests.support.admin import log_in, make_admin
from tests.support.comments import approved, post
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
