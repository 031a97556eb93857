"""The approach a reader picks must be one of the thread's options, exactly."""

from __future__ import annotations

import pytest

from tests.support.comments import COMMENTS_URL, VALID, post, stored_count

WRONG = [
    "VOORBEELD", " voorbeeld", "voorbeeld ", "voorbeeld\u200b", "vооrbeeld",  # Cyrillic o's
    "onbekend", "anders-organiseren-x", "Voorbeeld", "1", "voorbeeld,coachen",
]


@pytest.mark.parametrize("category", WRONG)
def test_an_invalid_category_stores_nothing(client, category):
    response = post(client, category=category)
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"] == {"category": "Kies een van de aanpakken uit de lijst."}
    assert stored_count(client.application) == 0


@pytest.mark.parametrize("category", [["voorbeeld"], {"id": "voorbeeld"}, 3, True])
def test_a_category_that_is_not_text_stores_nothing(client, category):
    assert post(client, category=category).status_code == 400
    assert stored_count(client.application) == 0


@pytest.mark.parametrize("category", WRONG[:5])
def test_an_invalid_category_by_form_stores_nothing(client, category):
    response = client.post(COMMENTS_URL, data={**VALID, "category": category})
    assert response.status_code == 400 and "Kies een van de aanpakken uit de lijst." in response.get_data(as_text=True)
    assert stored_count(client.application) == 0


def test_a_reply_may_not_pick_an_approach(client):
    from tests.support.comments import approved
    parent = approved(client)
    response = post(client, parent_id=parent, category="coachen")
    assert response.get_json()["error"]["fields"] == {
        "category": "Een antwoord op een reactie kiest geen aanpak; laat die leeg.",
    }
