"""The admin in Chromium: hostile names and texts from the corpora never run, on a phone-sized screen too."""

from __future__ import annotations

import os
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect

from comments_service.domain.models import Status
from comments_service.domain.moderation import set_status
from comments_service.infra.database import db
from tests.support.admin import PASSWORD, make_admin
from tests.support.browser import chromium
from tests.support.comments import COMMENTS_URL
from tests.support.corpora import blns, xss_payloads
from tests.support.widget import axe_violations, served_post


def seed(app, strings: list[str]) -> int:
    client, ids = app.test_client(), []
    for number, text in enumerate(strings):
        response = client.post(COMMENTS_URL, json={"author": text, "body": text, "category": "anders",
                                                   "email": f"lezer{number}@example.nl"})
        if response.status_code == 400:
            response = client.post(COMMENTS_URL, json={"author": f"Lezer {number}", "body": text, "category": "anders"})
        if response.status_code == 201:
            ids.append(response.get_json()["id"])
    with app.app_context():
        set_status(ids[::2], Status.APPROVED, datetime.now(timezone.utc), "auteur")
        db.session.commit()
    return len(ids)


def log_in(page, base: str) -> None:
    page.goto(base + "/admin/login")
    page.get_by_label("Naam").fill("auteur")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Wachtrij")).to_be_visible()


@pytest.mark.parametrize("corpus", ["xss", "blns"])
def test_hostile_strings_in_the_admin_never_run(built_site, tmp_path, corpus):
    strings = xss_payloads() if corpus == "xss" else blns()
    with served_post(built_site, tmp_path / "c.sqlite3") as (app, base), chromium() as browser:
        make_admin(app)
        stored = seed(app, strings)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        log_in(page, base)
        shown = 0
        for status in ("pending", "approved"):
            for number in range(1, 100):
                page.goto(f"{base}/admin/?status={status}&page={number}", wait_until="networkidle")
                shown += page.locator("article.card").count()
                if not page.get_by_role("link", name="Volgende").count():
                    break
        page.goto(base + "/admin/threads/leiden-of-lijden", wait_until="networkidle")
        print(f"{corpus}: {stored} comments, {shown} shown in the admin, {len(dialogs)} dialogs")
        assert shown == stored and dialogs == []


def test_the_queue_on_a_phone(built_site, tmp_path):
    """ADMIN_SCREENSHOT=screenshots/admin-queue-phone.png keeps the picture (for the README)."""
    with served_post(built_site, tmp_path / "c.sqlite3") as (app, base), chromium() as browser:
        make_admin(app)
        seed(app, ["Ik zou eerst vragen wat er speelt. Zie https://example.nl", "Kort", "Samen bellen werkt."])
        page = browser.new_page(viewport={"width": 375, "height": 812}, is_mobile=True, bypass_csp=True)  # to inject axe
        log_in(page, base)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert axe_violations(page) == []
        page.screenshot(path=os.environ.get("ADMIN_SCREENSHOT", tmp_path / "queue.png"))
