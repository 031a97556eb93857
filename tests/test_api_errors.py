"""Every error path: its status, the one envelope, and a Dutch message; nothing stored."""

from __future__ import annotations

import pytest

from tests.support.comments import COMMENTS_URL, VALID, post, stored_count
from tests.support.reader_mail import READER, all_comments

INVALID = "Controleer de gemarkeerde velden."


def envelope(response) -> dict:
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"author": None}, "author", "Vul je naam in."),
    ({"author": "   "}, "author", "Vul je naam in."),
    ({"author": "x" * 81}, "author", "Je naam mag hoogstens 80 tekens lang zijn."),
    ({"author": "Jan\nJansen"}, "author", "Je naam mag geen stuurtekens (zoals tabs, regeleinden of schrijfrichting) bevatten."),
    ({"author": "Jan\x00"}, "author", "Je naam mag geen stuurtekens (zoals tabs, regeleinden of schrijfrichting) bevatten."),
    ({"author": 42}, "author", "Vul hier tekst in."),
    ({"author": ["Jan"]}, "author", "Vul hier tekst in."),
    ({"author": "Redactie"}, "author", "Deze naam is voorbehouden aan de auteur van de blog; kies een andere."),
    ({"author": "  rÉdáctie "}, "author", "Deze naam is voorbehouden aan de auteur van de blog; kies een andere."),
    ({"author": "RED\u200bACTIE"}, "author", "Deze naam is voorbehouden aan de auteur van de blog; kies een andere."),
    ({"author": "R\u0435dactie"}, "author", "Deze naam is voorbehouden aan de auteur van de blog; kies een andere."),  # Cyrillic e
    ({"author": "R\u0415D\u0410\u0421TI\u0415"}, "author", "Deze naam is voorbehouden aan de auteur van de blog; kies een andere."),
    ({"author": "Redact\u0456e"}, "author", "Deze naam is voorbehouden aan de auteur van de blog; kies een andere."),  # Ukrainian i
    ({"author": "\uff32\uff45dactie"}, "author", "Deze naam is voorbehouden aan de auteur van de blog; kies een andere."),  # full width
    ({"author": "Jan\u202eesnaJ"}, "author", "Je naam mag geen stuurtekens (zoals tabs, regeleinden of schrijfrichting) bevatten."),
    ({"author": "Jan\u2067x\u2069"}, "author", "Je naam mag geen stuurtekens (zoals tabs, regeleinden of schrijfrichting) bevatten."),
    ({"author": "\u200fJan"}, "author", "Je naam mag geen stuurtekens (zoals tabs, regeleinden of schrijfrichting) bevatten."),
    ({"author": "Jan\u061c"}, "author", "Je naam mag geen stuurtekens (zoals tabs, regeleinden of schrijfrichting) bevatten."),
    ({"author": "Jan\uffff"}, "author", "Dit veld bevat ongeldige tekens."),
    ({"author": "Jan\U000e0080"}, "author", "Dit veld bevat ongeldige tekens."),  # unassigned
    ({"body": "tekst \ufffe"}, "body", "Dit veld bevat ongeldige tekens."),
    ({"body": "tekst \ufdd0"}, "body", "Dit veld bevat ongeldige tekens."),  # a non-character
    ({"body": "tekst \U0010ffff"}, "body", "Dit veld bevat ongeldige tekens."),
    ({"email": "jan\ufffe@example.nl"}, "email", "Dit veld bevat ongeldige tekens."),
    ({"email": "geen-adres"}, "email", "Dit e-mailadres klopt niet. Controleer het, of laat het veld leeg."),
    ({"email": "a@b"}, "email", "Dit e-mailadres klopt niet. Controleer het, of laat het veld leeg."),
    ({"email": "x" * 250 + "@example.nl"}, "email", "Dit e-mailadres is te lang."),
    ({"body": None}, "body", "Schrijf je reactie."),
    ({"body": " \n\t "}, "body", "Schrijf je reactie."),
    ({"body": "x" * 5001}, "body", "Je reactie mag hoogstens 5000 tekens lang zijn (nu 5001)."),
    ({"body": "a\x00b"}, "body", "Je reactie bevat onzichtbare stuurtekens; haal die weg."),
    ({"body": {"tekst": "x"}}, "body", "Vul hier tekst in."),
    ({"category": None}, "category", "Kies de aanpak die het best bij je reactie past."),
    ({"parent_id": "abc"}, "parent_id", "Dit is geen bestaande reactie om op te antwoorden."),
    ({"parent_id": True}, "parent_id", "Dit is geen bestaande reactie om op te antwoorden."),
    ({"parent_id": -1}, "parent_id", "Dit is geen bestaande reactie om op te antwoorden."),
    ({"parent_id": 0}, "parent_id", "Dit is geen bestaande reactie om op te antwoorden."),
    ({"parent_id": "0"}, "parent_id", "Dit is geen bestaande reactie om op te antwoorden."),
    ({"parent_id": 1.5}, "parent_id", "Dit is geen bestaande reactie om op te antwoorden."),
    ({"parent_id": " 1"}, "parent_id", "Dit is geen bestaande reactie om op te antwoorden."),
    ({"parent_id": "\u0661"}, "parent_id", "Dit is geen bestaande reactie om op te antwoorden."),  # an Arabic-Indic 1
    ({"parent_id": 2**70}, "parent_id", "Dit is geen bestaande reactie om op te antwoorden."),
    ({"parent_id": 2**31}, "parent_id", "Dit is geen bestaande reactie om op te antwoorden."),
    ({"parent_id": "99999999999"}, "parent_id", "Dit is geen bestaande reactie om op te antwoorden."),
])
def test_an_invalid_field_gets_its_dutch_message(client, fields, field, message):
    error = envelope(response := post(client, **fields))
    assert response.status_code == 400
    assert error["code"] == "invalid_input" and error["message"] == INVALID
    assert error["fields"][field] == message
    assert stored_count(client.application) == 0


def test_all_field_errors_come_at_once(client):
    response = client.post(COMMENTS_URL, json={})
    assert set(envelope(response)["fields"]) == {"author", "body", "category"}


@pytest.mark.parametrize("boundary", [(80, 5000)])
def test_the_longest_allowed_values_are_accepted(client, boundary):
    author_max, body_max = boundary
    assert post(client, author="ä" * author_max, body="é" * body_max).status_code == 201


def test_emoji_with_joiners_are_kept_exactly(client):
    family = "Fam \U0001F468\u200D\U0001F469\u200D\U0001F467 ✓"
    assert post(client, author=family, body=family).get_json()["author"] == family


@pytest.mark.parametrize(("raw", "code"), [
    (b'{"author": "Jan", ', "invalid_json"),
    (b"\xff\xfe\xfa", "invalid_json"),
    (b"[" * 70000, None),
    (b"", "invalid_json"),
    (b"[1, 2]", "invalid_input"),
    (b'"tekst"', "invalid_input"),
    (b"null", "invalid_input"),
    (b'{"author": "\\ud800", "body": "x", "category": "anders"}', "invalid_input"),
    (b'{"author": "Jan", "body": "\\udfff", "category": "anders"}', "invalid_input"),
    (b'{"author": "Jan", "body": "x", "category": "anders", "parent_id": 1e999}', "invalid_input"),
    (b'{"author": "Jan", "body": "x", "category": "anders", "parent_id": ' + b"9" * 5000 + b"}", "invalid_json"),
])
def test_unreadable_json_is_a_400_never_a_500(client, raw, code):
    response = client.post(COMMENTS_URL, data=raw, content_type="application/json")
    if code is None:  # over 64 KiB: refused for its size before it is read
        assert response.status_code == 413
    else:
        assert response.status_code == 400 and envelope(response)["code"] == code
    assert stored_count(client.application) == 0


def test_invalid_json_has_a_dutch_message(client):
    response = client.post(COMMENTS_URL, data=b"{", content_type="application/json")
    assert envelope(response)["message"] == "De gegevens konden niet worden gelezen: dit is geen geldige JSON."


@pytest.mark.parametrize("content_type", ["application/json", "application/x-www-form-urlencoded"])
def test_a_body_over_64_kib_is_413(client, content_type):
    data = b"body=" + b"x" * (64 * 1024) if "form" in content_type else b'{"body": "' + b"x" * (64 * 1024) + b'"}'
    response = client.post(COMMENTS_URL, data=data, content_type=content_type)
    assert response.status_code == 413
    if content_type == "application/json":
        assert envelope(response)["code"] == "payload_too_large"
    else:
        assert "te groot" in response.get_data(as_text=True)
    assert stored_count(client.application) == 0


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "", "multipart/mixed; boundary=x"])
def test_an_unsupported_content_type_is_415(client, content_type):
    response = client.post(COMMENTS_URL, data=b"author=Jan", content_type=content_type)
    assert response.status_code == 415
    assert envelope(response) == {
        "code": "unsupported_media_type", "message": "Stuur de reactie als JSON of als formulier.", "fields": {},
    }


def test_json_with_a_charset_is_json(client):
    import json
    response = client.post(COMMENTS_URL, data=json.dumps(VALID), content_type="application/json; charset=utf-8")
    assert response.status_code == 201


@pytest.mark.parametrize(("method", "url", "status", "code"), [
    ("get", "/api/bestaat-niet", 404, "not_found"),
    ("put", COMMENTS_URL, 405, "method_not_allowed"),
    ("post", "/api/health", 405, "method_not_allowed"),
    ("get", "/api/comments/abc", 404, "not_found"),
    ("delete", "/api/comments/99999999999999999999999", 404, "not_found"),
    ("delete", "/api/comments/2147483648", 404, "not_found"),
])
def test_routing_errors_use_the_envelope(client, method, url, status, code):
    response = getattr(client, method)(url)
    assert response.status_code == status and envelope(response)["code"] == code
    assert envelope(response)["message"]


def test_an_unreachable_database_is_a_503(make_app):
    client = make_app(DATABASE_URL="postgresql://nobody@127.0.0.1:1/none").test_client()
    response = client.get("/api/health")
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert envelope(response)["message"] == "De database is niet bereikbaar."
    response = client.get(COMMENTS_URL)
    assert response.status_code == 503 and envelope(response)["code"] == "unavailable"


@pytest.mark.parametrize("spelled, meant", [
    (True, True), ("1", True), ("true", True), ("on", True),
    (False, False), ("0", False), ("false", False), ("off", False), ("", False)])
def test_each_spelling_of_yes_and_no_a_client_sends_is_understood(client, spelled, meant):
    """A checkbox sends "on" or nothing, a script true or "false", a form library "1" or "off": all are read."""
    response = post(client, email=READER, notify_replies=spelled, notify_advice=spelled)
    assert response.status_code == 201, response.get_json()
    stored = all_comments(client.application)[-1]
    assert (stored.notify_replies, stored.notify_advice) == (meant, meant)


@pytest.mark.parametrize("spelled", ["ja", "yes", "2", "True ", 1, [], {}])
def test_anything_else_for_yes_or_no_is_refused_in_dutch(client, spelled):
    response = post(client, email=READER, notify_replies=spelled)
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"] == {"notify_replies": "Kies ja of nee."}
    assert all_comments(client.application) == []
