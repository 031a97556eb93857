"""The built site and the service from one origin, as in production, for the widget's browser tests."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from tests.support.apps import build_app, close, migrated
from tests.support.comments import approved
from tests.support.live import live_server

POST = "/blog/leiden-of-lijden/"
COACHEN = "Coachen: uitzoeken wat er achter de smoesjes zit"
AXE = Path(__file__).resolve().parents[1] / "node" / "node_modules" / "axe-core" / "axe.min.js"


@contextmanager
def served_post(site: Path, database: Path, **config):
    """Serve the built site, /api and the rest from one app on a fresh SQLite file; yield (app, base URL)."""
    app = build_app(migrated(f"sqlite:///{database}"), SERVE_SITE=True, SITE_DIR=str(site), **config)
    try:
        with live_server(app) as base:
            yield app, base
    finally:
        close(app)


def open_post(browser, base: str, **context_options):
    """A new page on the post with the widget loaded; dialogs are recorded in page.dialogs."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(base + POST, wait_until="networkidle")
    page.wait_for_function("document.querySelector('[data-total]').textContent.indexOf('geladen') < 0")
    return page


def show_all(page) -> None:
    """Press "Meer reacties" until the widget has loaded the last page."""
    more = page.locator("[data-more]")
    while more.is_visible():
        shown = page.locator(".comments__list > .comment").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.comments__list > .comment').length > {shown}")


def axe_violations(page, *rules: str) -> list[dict]:
    """Serious and critical axe-core violations on the page (optionally only the given rules)."""
    page.add_script_tag(path=str(AXE))
    options = {"runOnly": list(rules)} if rules else {}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def fill_answer(page, body: str, name: str, option: str = COACHEN) -> None:
    """Fill in the post's form: an approach, a text and a name (the caller sends it)."""
    page.locator("[data-form]").get_by_label(option).check()
    page.get_by_label("Je reactie (verplicht)", exact=True).fill(body)
    page.get_by_label("Naam (verplicht)", exact=True).fill(name)


def open_reply(app, base, browser):
    """The post with one approved comment (Joost's), its reply form open with "Eens!" and "Anna" filled in:
    (page, form, the comment's id)."""
    parent = approved(app.test_client(), author="Joost")
    page = open_post(browser, base)
    page.locator(f"#reactie-{parent}").get_by_role("button", name="Reageer").click()
    form = page.locator(f"#reactie-{parent} form")
    form.get_by_label("Je antwoord").fill("Eens!")
    form.get_by_label("Naam").fill("Anna")
    return page, form, parent
