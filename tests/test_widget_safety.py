"""The widget under hostile text, on a phone, in dark mode, under axe-core, within its size budget."""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from bench.widget_size import BUDGET, gzipped_sizes, widget_files
from comments_service.domain.models import Status
from comments_service.domain.moderation import set_status
from comments_service.infra.database import db
from tests.support.comments import COMMENTS_URL, approved
from tests.support.corpora import identifiable_xss
from tests.support.widget import axe_violations, open_post, show_all

IDENTIFIABLE = identifiable_xss()


def seed_conversation(app) -> None:
    client = app.test_client()
    parent = approved(client, author="Joost", body="Zelf **meebellen**, met [een script](https://example.nl).")
    approved(client, author="Marieke", category="coachen", body="- eerst vragen\n- dan afspreken")
    approved(client, author="Anna", category=None, parent_id=parent, body="Eens!")


def test_the_widget_stays_within_its_budget():
    sizes = gzipped_sizes()
    print(f"widget, gzipped: {sum(sizes.values())} bytes {sizes}")
    assert len(sizes) == len(widget_files()) >= 9 and sum(sizes.values()) <= BUDGET


def test_identifiable_xss_payloads_show_as_text_and_never_run(served):
    app, base, browser = served
    client = app.test_client()
    ids, expected = [], []
    for number, payload in enumerate(IDENTIFIABLE):
        response = client.post(COMMENTS_URL, json={"author": payload, "body": payload, "category": "anders"})
        if response.status_code == 400:  # refused as a name (too long, a tab...): the body alone then
            assert set(response.get_json()["error"]["fields"]) == {"author"}, payload
            response = client.post(COMMENTS_URL, json={"author": f"Lezer {number}", "body": payload, "category": "anders"})
        assert response.status_code == 201, payload
        ids.append(response.get_json()["id"])
        expected.append(response.get_json()["author"])
    with app.app_context():
        set_status(ids, Status.APPROVED, datetime.now(timezone.utc))
        db.session.commit()
    page = open_post(browser, base)
    show_all(page)
    expect(page.locator(".comments__list > .comment")).to_have_count(len(ids))
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(500)  # give any injected handler (onload, onerror, onfocus...) its chance to fire
    as_names = sum(not name.startswith("Lezer ") for name in expected)
    print(f"{len(IDENTIFIABLE)} identifiable payloads as bodies, {as_names} also as names: {len(page.dialogs)} dialogs")
    assert page.dialogs == []
    assert page.locator(".comment__author").all_text_contents() == expected
    assert page.evaluate("document.querySelectorAll('.comments__list script, .comments__list iframe, .comments__list img').length") == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(served, scheme):
    app, base, browser = served
    seed_conversation(app)
    page = open_post(browser, base, color_scheme=scheme)
    expect(page.locator(".comments__list > .comment")).to_have_count(2)
    assert [(v["id"], [node["html"][:120] for node in v["nodes"]]) for v in axe_violations(page)] == []


def test_a_375_px_phone_in_dark_mode_scrolls_only_down_and_stays_readable(served):
    app, base, browser = served
    seed_conversation(app)
    client = app.test_client()
    approved(client, author="L" * 80, body="https://example.nl/" + "heel-lang-woord-" * 30)
    page = open_post(browser, base, color_scheme="dark", viewport={"width": 375, "height": 812}, is_mobile=True)
    expect(page.locator(".comments__list > .comment")).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert axe_violations(page, "color-contrast") == []


def test_the_widget_talks_only_to_its_own_origin(served):
    app, base, browser = served
    seed_conversation(app)
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + "/blog/leiden-of-lijden/", wait_until="networkidle")
    expect(page.locator(".comments__list > .comment")).to_have_count(2)
    assert {urlsplit(url).netloc for url in requested} == {urlsplit(base).netloc}
    assert any("/api/threads/leiden-of-lijden/poll" in url for url in requested)
