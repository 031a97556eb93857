"""The advice on the post, in Chromium: nothing of a draft in the built page; when a scheduled one follows; once
published, the section under the results (built in, so without JavaScript too, and live in the widget) with the
recommended approaches marked, how many readers agree, the tally before and after the reveal, and for a reader
whose own answer the widget knows, "Jij koos (ook) voor ..."."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import expect

from comments_service.domain import advice
from comments_service.infra.database import db
from tests.support.browser import chromium
from tests.support.comments import store_approved
from tests.support.live import live_server
from tests.support.site import mkdocs_build
from tests.support.widget import axe_violations, fill_answer, open_post

TEXT = "## Eerst vragen\n\nVraag **elke verkoper apart** wat er speelt, en bel dan samen."


def _advise(app, options: list[str], publish: bool = True) -> None:
    """Write the advice, and publish it now."""
    with app.app_context():
        thread, now = app.extensions["threads"]["leiden-of-lijden"], datetime.now(timezone.utc)
        advice.set_text(thread, options, TEXT, "test", now)
        if publish:
            advice.schedule(thread, "test", now)
        db.session.commit()


def _built(app, tmp_path) -> str:
    with live_server(app) as base:
        result = mkdocs_build(tmp_path / "site", COMMENTS_API_URL=base)
    assert result.returncode == 0, result.stderr
    return (tmp_path / "site" / "blog" / "leiden-of-lijden" / "index.html").read_text(encoding="utf-8")


def test_a_draft_is_not_in_the_built_page_and_a_schedule_says_when(make_app, tmp_path):
    app = make_app()
    store_approved(app, 3, ["coachen", "voorbeeld", "anders"])
    _advise(app, ["coachen"], publish=False)
    html = _built(app, tmp_path / "draft")
    assert "elke verkoper apart" not in html and "Ons advies verschijnt" not in html and "poll__option--advised" not in html
    with app.app_context():
        advice.schedule(app.extensions["threads"]["leiden-of-lijden"], "test", datetime.now(timezone.utc), after=50)
        db.session.commit()
    assert "Ons advies verschijnt na 50 reacties." in _built(app, tmp_path / "after")
    with app.app_context():
        thread = app.extensions["threads"]["leiden-of-lijden"]
        advice.withdraw(thread, "test", datetime.now(timezone.utc))
        advice.schedule(thread, "test", datetime.now(timezone.utc), at=datetime(2099, 12, 15, 9, 0, tzinfo=timezone.utc))
        db.session.commit()
    html = _built(app, tmp_path / "at")
    assert "Ons advies verschijnt op 15 december 2099." in html and "elke verkoper apart" not in html


def test_the_published_advice_is_built_in_and_shows_without_javascript(make_app, tmp_path):
    app = make_app()
    store_approved(app, 7, ["voorbeeld", "voorbeeld", "voorbeeld", "coachen", "coachen", "afspraken", "anders"])
    _advise(app, ["coachen", "afspraken"])
    _built(app, tmp_path)
    with chromium() as browser:  # the built file alone: nothing of it comes from a script
        page = browser.new_context(java_script_enabled=False).new_page()
        page.goto(f"file://{tmp_path}/site/blog/leiden-of-lijden/index.html")
        section = page.locator("#ons-advies")
        expect(section).to_be_visible()
        expect(section.locator("[data-agreement]")).to_have_text("3 van de 7 lezers (43%) kozen dezelfde aanpak als wij.")
        expect(section.locator("h4")).to_have_text("Eerst vragen")
        expect(section.locator("strong")).to_have_text("elke verkoper apart")
        expect(section.locator("[data-split]")).to_be_hidden()  # no answer came in after it yet
        expect(page.locator(".poll__option--advised")).to_have_count(2)
        expect(page.locator('[data-option="coachen"] [data-advised]')).to_have_text("ons advies")
        expect(page.locator('[data-option="voorbeeld"] [data-advised]')).to_be_hidden()


def test_the_widget_shows_it_live_with_the_readers_own_choice(served):
    app, base, browser = served
    page = open_post(browser, base)
    fill_answer(page, "Eerst vragen wat er speelt.", "Marieke")  # Coachen
    page.get_by_role("button", name="Verstuur je reactie").click()
    expect(page.locator(".comment__pending:visible")).to_have_count(1)
    expect(page.locator("#ons-advies")).to_be_hidden()
    store_approved(app, 4, ["coachen", "voorbeeld"], first_minute=-60 * 24 * 365 * 10)  # written long before
    _advise(app, ["coachen"])
    store_approved(app, 2, ["voorbeeld"], first_minute=60 * 24 * 365 * 10)  # and two long after the reveal
    page.reload(wait_until="networkidle")
    section = page.locator("#ons-advies")
    expect(section).to_be_visible()
    expect(section.locator("[data-agreement]")).to_have_text("2 van de 6 lezers (33%) kozen dezelfde aanpak als wij.")
    expect(section.locator("[data-advice-mine]")).to_have_text("Jij koos ook voor “Coachen”.")
    expect(section.locator("[data-split]")).to_have_text(
        "Voor het advies: 4 reacties, 2 met onze aanpak; na het advies: 2 reacties, 0 met onze aanpak.")
    expect(page.locator('[data-option="coachen"] [data-advised]')).to_be_visible()
    with app.app_context():
        thread = app.extensions["threads"]["leiden-of-lijden"]
        advice.withdraw(thread, "test", datetime.now(timezone.utc))
        advice.set_text(thread, ["afspraken"], TEXT, "test", datetime.now(timezone.utc) + timedelta(seconds=1))
        advice.schedule(thread, "test", datetime.now(timezone.utc))
        db.session.commit()
    page.reload(wait_until="networkidle")
    expect(section.locator("[data-advice-mine]")).to_have_text("Jij koos voor “Coachen”.")
    expect(page.locator(".poll__option--advised")).to_have_count(1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_advice_section_passes_axe_in_both_palettes(served, scheme):
    app, base, browser = served
    store_approved(app, 3, ["coachen", "voorbeeld", "anders"])
    _advise(app, ["coachen"])
    page = open_post(browser, base, color_scheme=scheme)
    expect(page.locator("#ons-advies")).to_be_visible()
    expect(page.locator('[data-option="coachen"] [data-advised]')).to_be_visible()
    assert [(v["id"], [node["html"][:120] for node in v["nodes"]]) for v in axe_violations(page)] == []
