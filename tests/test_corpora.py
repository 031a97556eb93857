"""Hostile strings as name and as body: shown exactly as typed, or refused in Dutch; never unsafe HTML."""

from __future__ import annotations

import pytest

from comments_service.domain.models import Comment, Status
from comments_service.infra.database import db
from tests.support.comments import COMMENTS_URL, every_page, moderate, post, stored_count
from tests.support.corpora import blns, xss_payloads
from tests.support.html_check import disallowed

CORPORA = {"blns": blns, "xss": xss_payloads}
DUTCH = {
    "author": {
        "Vul je naam in.", "Je naam mag hoogstens 80 tekens lang zijn.", "Dit veld bevat ongeldige tekens.",
        "Je naam mag geen stuurtekens (zoals tabs, regeleinden of schrijfrichting) bevatten.",
        "Je naam mag de tekens \u201c=?\u201d niet zo bevatten; schrijf je naam gewoon uit.",
        "Deze naam is voorbehouden aan de auteur van de blog; kies een andere.",
    },
    "body": {"Schrijf je reactie.", "Je reactie bevat onzichtbare stuurtekens; haal die weg.", "Dit veld bevat ongeldige tekens."},
}


def test_the_corpora_are_complete():
    assert len(blns()) == 515
    assert len(xss_payloads()) == 2245


@pytest.mark.parametrize("field", ["author", "body"])
@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_hostile_strings_round_trip_or_are_refused(client, corpus, field):
    accepted: dict[int, str] = {}
    for text in CORPORA[corpus]():
        before = stored_count(client.application) if len(accepted) % 50 == 0 else None
        response = post(client, **{field: text})
        if response.status_code == 201:
            created = response.get_json()
            assert created[field] == text.strip(), text
            assert disallowed(created["body_html"]) == [], text
            accepted[created["id"]] = text.strip()
        else:
            assert response.status_code == 400, (text, response.status_code)
            error = response.get_json()["error"]
            assert error["message"] == "Controleer de gemarkeerde velden."
            assert set(error["fields"]) == {field} and error["fields"][field] in DUTCH[field], (text, error)
            if before is not None:
                assert stored_count(client.application) == before
    assert stored_count(client.application) == len(accepted)
    moderate(client.application, Status.APPROVED, *accepted)
    listed = {comment["id"]: comment for comment in every_page(client, f"{COMMENTS_URL}?limit=100")}
    assert set(listed) == set(accepted)
    if field == "author":
        assert {comment_id: listed[comment_id]["author"] for comment_id in accepted} == accepted
    else:  # the list shows the rendering; the text as typed is what is stored
        with client.application.app_context():
            assert {row.id: row.body for row in db.session.scalars(db.select(Comment))} == accepted
    assert all(disallowed(comment["body_html"]) == [] for comment in listed.values())
    print(f"{corpus} as {field}: {len(accepted)} accepted and shown as typed, "
          f"{len(CORPORA[corpus]()) - len(accepted)} refused in Dutch")
