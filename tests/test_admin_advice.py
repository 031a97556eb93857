"""The author's page "Ons advies": write with a preview, choose the approaches, publish now, schedule (a moment on
Amsterdam's clock, or a number of answers), withdraw; Dutch errors at their fields; audited under the author's
name; on a phone in Chromium."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from comments_service.domain.audit import AuditEntry
from comments_service.infra.database import db
from tests.support.admin import act, make_admin
from tests.support.browser import chromium
from tests.support.comments import THREAD
from tests.support.html_parse import html_text
from tests.support.widget import axe_violations, served_post

PAGE = f"/admin/threads/{THREAD}/advies"
ADVICE_URL = f"/api/threads/{THREAD}/advice"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", html_text(response.get_data(as_text=True)))


def test_write_preview_publish_and_withdraw(app, admin):
    assert "Nog geen advies." in text_of(admin.get(PAGE))
    preview = act(admin, PAGE, action="preview", body="## Eerst vragen\n\nDan **bellen**.", options=["coachen"])
    assert preview.status_code == 200 and "<h4>Eerst vragen</h4>" in preview.get_data(as_text=True)
    assert "Nog geen advies." in text_of(preview)  # a preview stores nothing
    act(admin, PAGE, action="save", body="Dan **bellen**.", options=["coachen", "anders"])
    page = text_of(admin.get(PAGE))
    assert "Het advies is opgeslagen." in page and "Concept: alleen jij ziet het." in page
    assert admin.get(ADVICE_URL).status_code == 404
    act(admin, PAGE, action="publish", body="Dan **bellen**.", options=["coachen"])
    assert "Het advies staat online." in text_of(admin.get(PAGE))
    assert admin.get(ADVICE_URL).get_json()["options"] == ["coachen"]
    act(admin, PAGE, action="withdraw")
    assert "Het advies is ingetrokken; de tekst blijft bewaard." in text_of(admin.get(PAGE))
    assert admin.get(ADVICE_URL).status_code == 404
    with app.app_context():
        trail = [(e.actor, e.action) for e in db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id))]
    assert trail == [("auteur", "advice-set"), ("auteur", "advice-set"), ("auteur", "advice-schedule"),
                     ("system", "advice-publish"), ("auteur", "advice-withdraw")]


def test_schedule_by_moment_or_by_count(app, admin):
    act(admin, PAGE, action="schedule", body="Advies.", options=["coachen"], at="2099-12-15T09:00")
    page = text_of(admin.get(PAGE))
    assert "Het advies is gepland." in page and "Gepland: verschijnt op 15 december 2099 om 09:00." in page
    poll = admin.get(f"/api/threads/{THREAD}/poll").get_json()
    assert poll["advice"] == {"state": "scheduled", "at": "2099-12-15T08:00:00Z", "after": None}  # 09:00 in Amsterdam
    act(admin, PAGE, action="withdraw")
    act(admin, PAGE, action="schedule", body="Advies.", options=["coachen"], after="50")
    assert "Gepland: verschijnt na 50 goedgekeurde reacties." in text_of(admin.get(PAGE))


def test_refusals_are_dutch_at_their_fields_and_change_nothing(app, admin):
    cases = [
        ({"action": "save", "body": "Advies.", "options": []}, "Kies minstens één aanpak."),
        ({"action": "save", "body": "   ", "options": ["coachen"]}, "Schrijf het advies: een leeg advies kan niet."),
        ({"action": "save", "body": "x" * 20_001, "options": ["coachen"]}, "Het advies mag hoogstens 20000 tekens lang zijn."),
        ({"action": "save", "body": "Advies.", "options": ["bellen"]}, "Deze aanpak staat niet in de peiling: bellen."),
        ({"action": "schedule", "body": "Advies.", "options": ["coachen"], "after": "0"}, "Kies minstens 1 reactie."),
    ]
    for data, message in cases:
        response = act(admin, PAGE, **data)
        assert response.status_code == 400 and message in text_of(response), message
    act(admin, PAGE, action="schedule", body="Advies.", options=["coachen"])
    assert "Kies een moment óf een aantal reacties om het advies te plannen." in text_of(admin.get(PAGE))
    act(admin, PAGE, action="schedule", body="Advies.", options=["coachen"], at="2099-12-15T09:00", after="5")
    assert "Kies een moment óf een aantal reacties" in text_of(admin.get(PAGE))
    act(admin, PAGE, action="withdraw")
    assert "Het advies staat niet online en is niet gepland." in text_of(admin.get(PAGE))
    assert admin.post(PAGE, data={"action": "save", "body": "Advies.", "options": ["coachen"]}).status_code == 400  # no token
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)) == 0


def test_the_advice_page_on_a_phone(built_site, tmp_path):
    with served_post(built_site, tmp_path / "c.sqlite3") as (app, base), chromium() as browser:
        make_admin(app)
        page = browser.new_page(viewport={"width": 375, "height": 812}, is_mobile=True, bypass_csp=True)  # to inject axe
        page.goto(base + "/admin/login")
        log_in_page(page)
        page.goto(base + PAGE)
        page.get_by_label("Coachen: uitzoeken wat er achter de smoesjes zit").check()
        page.get_by_label("Tekst (Markdown; ## voor een tussenkop)").fill("## Eerst vragen\n\nDan samen **bellen**.")
        page.get_by_role("button", name="Voorbeeld").click()
        expect(page.get_by_role("heading", name="Eerst vragen")).to_be_visible()
        page.get_by_role("button", name="Nu publiceren").click()
        expect(page.locator(".flash")).to_have_text("Het advies staat online.")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert axe_violations(page) == []
        page.screenshot(path=str(tmp_path / "advice.png"))


def log_in_page(page) -> None:
    page.get_by_label("Naam").fill("auteur")
    page.get_by_label("Wachtwoord").fill("een-lang-en-geheim-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Wachtrij")).to_be_visible()
