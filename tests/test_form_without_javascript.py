"""The comment form on the post, in Chromium with JavaScript off: post, land back, see the status."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from comments_service.domain.models import Comment, Status
from comments_service.infra.database import db
from tests.support.browser import chromium
from tests.support.comments import stored
from tests.support.live import live_server

POST = "/blog/leiden-of-lijden/"


@pytest.fixture
def page(make_app, built_site):
    app = make_app(SERVE_SITE=True, SITE_DIR=str(built_site))
    with live_server(app) as base, chromium() as browser:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + POST)
        page.app = app
        yield page
        context.close()


def fill(page, name: str, option: str, body: str) -> None:
    page.get_by_label(option).check()
    page.get_by_label("Je reactie (verplicht)", exact=True).fill(body)
    page.get_by_label("Naam (verplicht)", exact=True).fill(name)
    page.get_by_role("button", name="Verstuur je reactie").click()


def test_the_form_posts_and_lands_back_on_the_post_with_the_status(page):
    assert not page.locator("#reactie-ontvangen").is_visible()
    fill(page, "Marieke", "Coachen: uitzoeken wat er achter de smoesjes zit", "Eerst vragen waarom niemand belt.")
    page.wait_for_url("**/blog/leiden-of-lijden/#reactie-ontvangen")
    assert page.locator("#reactie-ontvangen").is_visible()
    assert "verschijnt na goedkeuring" in page.locator("#reactie-ontvangen").inner_text()
    comment = stored(page.app, _only_id(page.app))
    assert (comment.author, comment.category, comment.status) == ("Marieke", "coachen", Status.PENDING)


def test_a_refused_post_shows_the_dutch_errors_and_posts_again(page):
    fill(page, "Redactie", "Iets anders (licht het toe in je reactie)", "Mijn verhaal")
    assert "Deze naam is voorbehouden" in page.content()
    for label in ("Je reactie (verplicht)", "Naam (verplicht)", "E-mail (niet verplicht)"):  # the notes as text, not as markup
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    assert "&lt;span" not in page.content()
    assert page.get_by_label("Je reactie (verplicht)", exact=True).input_value() == "Mijn verhaal"
    page.get_by_label("Naam (verplicht)", exact=True).fill("Lezer")
    page.get_by_role("button", name="Verstuur opnieuw").click()
    page.wait_for_url("**/blog/leiden-of-lijden/#reactie-ontvangen")
    assert page.locator("#reactie-ontvangen").is_visible()


def _only_id(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(Comment.id))
