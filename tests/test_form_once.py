"""The comment's fields are one macro: the post's form, the reply form and the service's page for a refused
form post carry the same fields with the limits the service enforces."""

from __future__ import annotations

import re

from comments_service.domain.limits import AUTHOR_MAX, BODY_MAX, EMAIL_MAX
from tests.support.comments import COMMENTS_URL
from tests.support.html_parse import Parsed

LIMITS = {"body": BODY_MAX, "author": AUTHOR_MAX, "email": EMAIL_MAX}
SHARED = {"body", "author", "email", "notify_replies"}


def _fields(html: str) -> dict[str, str | None]:
    """Every named field of a form: its name and maxlength."""
    return {attrs["name"]: attrs.get("maxlength") for tag, attrs in Parsed(html).elements
            if tag in {"input", "textarea"} and attrs.get("name")}


def _post_page_forms(built_site) -> tuple[str, str]:
    page = (built_site / "blog" / "leiden-of-lijden" / "index.html").read_text(encoding="utf-8")
    post_form = re.search(r"<form[^>]*data-form.*?</form>", page, re.S).group(0)
    reply_form = re.search(r'<template data-template="reply-form">.*?</template>', page, re.S).group(0)
    return post_form, reply_form


def test_the_three_forms_carry_the_same_fields_with_the_services_limits(built_site, sqlite_app):
    post_form, reply_form = _post_page_forms(built_site)
    refused = sqlite_app.test_client().post(COMMENTS_URL, data={"author": "", "body": "Mijn verhaal", "category": "coachen"})
    assert refused.status_code == 400
    forms = {"post": _fields(post_form), "reply": _fields(reply_form), "refused": _fields(refused.get_data(as_text=True))}
    for name, fields in forms.items():
        assert SHARED <= set(fields), name
        assert {field: int(fields[field]) for field in LIMITS} == LIMITS, name
    assert set(forms["post"]) - SHARED == {"return_to", "category", "website", "remember", "notify_advice"}
    assert set(forms["refused"]) - SHARED == {"return_to", "category", "website", "notify_advice"}
    assert set(forms["reply"]) == SHARED


def test_a_refused_post_refills_every_field_and_marks_the_wrong_one(sqlite_app):
    posted = {"author": "x" * (AUTHOR_MAX + 1), "body": "Mijn <b>verhaal</b>", "email": "a@example.nl",
              "category": "coachen", "notify_replies": "on", "notify_advice": "on"}
    page = Parsed(sqlite_app.test_client().post(COMMENTS_URL, data=posted).get_data(as_text=True))
    elements = [attrs for tag, attrs in page.elements if attrs.get("name") in posted]
    values = {attrs["name"]: attrs.get("value") for attrs in elements if "value" in attrs and attrs.get("type") != "radio"}
    assert values == {"author": posted["author"], "email": "a@example.nl", "notify_replies": "on", "notify_advice": "on"}
    assert [attrs["value"] for attrs in elements if attrs.get("type") == "radio" and "checked" in attrs] == ["coachen"]
    assert all("checked" in attrs for attrs in elements if attrs["name"] in ("notify_replies", "notify_advice"))
    assert [attrs["name"] for attrs in elements if attrs.get("aria-invalid") == "true"] == ["author"]
    assert "Mijn <b>verhaal</b>" in page.text and "b" not in [tag for tag, _ in page.elements]  # as typed, as text
