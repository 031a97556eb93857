"""The service's own pages in the blog's look, in Chromium, light and dark: the reader's pages (the data page and
its request, confirm, unsubscribe, the plain conversation pages, a refused form post) and the admin. Material's
palette and header bar, a visible focus, and axe finds no serious or critical violation (contrast included)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from comments_service.mail.links import sign_address
from comments_service.mail.reader import key
from tests.support.admin import PASSWORD, make_admin
from tests.support.comments import approved, post
from tests.support.widget import axe_violations

READER = "ans@example.nl"
# Material's background per palette (the default scheme; slate), and its indigo header.
BACKGROUND = {"light": "rgb(255, 255, 255)", "dark": "rgb(30, 33, 41)"}
INDIGO = "rgb(64, 81, 181)"


def _reader_pages(app) -> dict[str, str]:
    client = app.test_client()
    parent = approved(client, author="Ans", email=READER, category="anders", body="Mijn **eigen** aanpak.")
    approved(client, author="Bert", category=None, parent_id=parent, body="Eens.")
    post(client, author="Ans", email=READER, body="Wacht nog.")
    with app.app_context():
        data, confirm = sign_address(READER, "data"), sign_address(READER, "confirm")
        unsubscribe = sign_address(key(READER), "unsubscribe")
    return {"request": "/api/mijn-gegevens", "data": f"/api/mijn-gegevens/{data}", "confirm": f"/api/mail/bevestigen/{confirm}",
            "unsubscribe": f"/api/mail/afmelden/{unsubscribe}", "conversation": "/api/threads/leiden-of-lijden/reacties"}


def _looks_like_the_blog(page, scheme: str) -> None:
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == BACKGROUND[scheme]
    assert page.evaluate("getComputedStyle(document.querySelector('.look-header')).backgroundColor") == INDIGO
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("-apple-system")
    found = [(v["id"], [node["html"][:100] for node in v["nodes"]]) for v in axe_violations(page)]
    assert found == [], page.url


def _focus_is_visible(page) -> None:
    page.keyboard.press("Tab")
    ring = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()")
    assert ring[0] != "none" and ring[1] >= 2, (page.url, ring)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_readers_pages_look_like_the_blog(served, scheme):
    app, base, browser = served
    pages = _reader_pages(app)
    page = browser.new_page(color_scheme=scheme, bypass_csp=True)  # to inject axe
    for name, path in pages.items():
        page.goto(base + path)
        _looks_like_the_blog(page, scheme)
        _focus_is_visible(page)
    # A form post without JavaScript that the service refuses: its answer is a page too.
    page.goto(base + "/api/health")
    page.set_content("<form method=post action='/api/threads/leiden-of-lijden/comments'><button>x</button></form>")
    page.get_by_role("button", name="x").click()
    page.wait_for_load_state()
    assert "Je reactie is nog niet geplaatst" in page.title()
    _looks_like_the_blog(page, scheme)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_admin_looks_like_the_blog(served, scheme):
    app, base, browser = served
    make_admin(app)
    _reader_pages(app)
    page = browser.new_page(color_scheme=scheme, bypass_csp=True)
    page.goto(base + "/admin/login")
    _looks_like_the_blog(page, scheme)
    page.get_by_label("Naam").fill("auteur")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Wachtrij").wait_for()
    _looks_like_the_blog(page, scheme)
    _focus_is_visible(page)
    page.locator("article.card").get_by_role("button", name="Goedkeuren").first.click()  # the pending one
    flash = page.locator(".flash")
    expect(flash).to_contain_text("goedgekeurd.")
    _looks_like_the_blog(page, scheme)  # the message and its button in both palettes
    flash.get_by_role("button", name="Ongedaan maken").click()
    expect(flash).to_contain_text("Ongedaan gemaakt: reactie #")
    expect(flash).to_contain_text("staat weer op “wacht”.")
