"""'Dit zou ik ook doen' in Chromium: with JavaScript the widget's toggle (a 128-bit key on the device, the count and
the pressed state, the option's figure, the order by most endorsed); without it the button's form on the built post
and on the conversation's page, with the key in a first-party cookie."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from comments_service.domain.models import Status
from tests.support.browser import chromium
from tests.support.comments import COMMENTS_URL, approved, moderate
from tests.support.endorse import endorse
from tests.support.site import mkdocs_build
from tests.support.widget import POST, open_post, served_post

BUTTON = re.compile(r"^Dit zou ik ook doen")


def button(page, comment_id: int):
    return page.locator(f"#reactie-{comment_id} > .comment__card [data-endorse] button")


def test_the_toggle_counts_once_per_device_and_takes_back(served):
    app, base, browser = served
    client = app.test_client()
    coach = approved(client, category="coachen", author="Joost")
    reply = approved(client, category=None, parent_id=coach, author="Anna")
    page = open_post(browser, base)
    mine = button(page, coach)
    expect(mine).to_have_text(re.compile(r"Dit zou ik ook doen\s+\(0\)"))
    expect(mine).to_have_attribute("aria-pressed", "false")
    expect(page.locator(f"#reactie-{reply} [data-endorse]")).to_have_count(0)  # a reply carries no approach
    expect(page.locator(f"#reactie-{coach} form")).to_have_count(0)  # with JavaScript a plain button: no form but the reply's
    mine.click()
    expect(mine).to_have_attribute("aria-pressed", "true")
    expect(mine).to_have_text(re.compile(r"\(1\)"))
    expect(page.locator('[data-option="coachen"] [data-figures]')).to_have_text("1 reactie, 100% · 1 lezer eens")
    key = page.evaluate("localStorage.getItem('comments:reader')")
    assert re.fullmatch(r'"[0-9a-f]{32}"', key)  # 16 random bytes: 128 bits
    assert client.get(COMMENTS_URL).get_json()[0]["endorsements"] == 1
    page.reload(wait_until="networkidle")
    mine = button(page, coach)
    expect(mine).to_have_attribute("aria-pressed", "true")
    expect(mine).to_have_text(re.compile(r"\(1\)"))
    mine.click()
    expect(mine).to_have_attribute("aria-pressed", "false")
    expect(mine).to_have_text(re.compile(r"\(0\)"))
    expect(page.locator('[data-option="coachen"] [data-figures]')).to_have_text("1 reactie, 100%")  # no endorsement: no figure
    assert client.get(COMMENTS_URL).get_json()[0]["endorsements"] == 0
    other = open_post(browser, base)  # another browser: another key
    button(other, coach).click()
    expect(button(other, coach)).to_have_text(re.compile(r"\(1\)"))
    mine.click()
    expect(mine).to_have_text(re.compile(r"\(2\)"))
    assert page.dialogs == [] and other.dialogs == []


def test_an_answer_hidden_meanwhile_says_so_at_its_button(served):
    app, base, browser = served
    answer = approved(app.test_client())
    page = open_post(browser, base)
    moderate(app, Status.REJECTED, answer)
    button(page, answer).click()
    expect(page.locator(f"#reactie-{answer} [data-endorse-status]")).to_contain_text("bestaat niet (meer)")
    expect(button(page, answer)).to_have_attribute("aria-pressed", "false")


def test_the_list_orders_by_most_endorsed(served):
    app, base, browser = served
    client = app.test_client()
    ids = [approved(client, author=f"Lezer {n}") for n in range(3)]
    for answer, count in zip(ids, (1, 3, 2)):
        for n in range(count):
            endorse(client, answer, f"{'s' * 30}{n}")
    page = open_post(browser, base)
    page.get_by_role("button", name="Meeste lezers eens").click()
    expect(page.locator(".comments__list > .comment .comment__author")).to_have_text(["Lezer 1", "Lezer 2", "Lezer 0"])


def test_without_javascript_the_conversation_page_toggles_with_a_cookie(served):
    app, base, browser = served
    answer = approved(app.test_client(), author="Joost")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/api/threads/leiden-of-lijden/reacties")
    page.get_by_role("button", name=BUTTON).click()
    page.wait_for_url(f"**/reacties?at={answer}#reactie-{answer}")
    pressed = page.get_by_role("button", name=BUTTON)
    expect(pressed).to_have_attribute("aria-pressed", "true")
    expect(pressed).to_have_text(re.compile(r"\(1\)"))
    cookie = next(c for c in context.cookies() if c["name"] == "lezer")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/api/" and len(cookie["value"]) >= 22
    pressed.click()  # a second press takes it back
    expect(page.get_by_role("button", name=BUTTON)).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("button", name=BUTTON)).to_have_text(re.compile(r"\(0\)"))
    page.get_by_role("button", name=BUTTON).click()
    expect(page.get_by_role("button", name=BUTTON)).to_have_text(re.compile(r"\(1\)"))
    assert app.test_client().get(COMMENTS_URL).get_json()[0]["endorsements"] == 1
    context.close()


@pytest.fixture
def baked(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    with served_post(site, tmp_path / "c.sqlite3") as (app, base), chromium() as browser:
        client = app.test_client()
        answer = approved(client, author="Joost", category="coachen")
        endorse(client, answer, "t" * 30)
        result = mkdocs_build(site, COMMENTS_API_URL=base)
        assert result.returncode == 0, result.stderr
        yield app, base, browser, answer


def test_without_javascript_the_built_post_bakes_the_counts_and_its_button_posts(baked):
    app, base, browser, answer = baked
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + POST)
    expect(page.locator('[data-option="coachen"] [data-figures]')).to_have_text("1 reactie, 100% · 1 lezer eens")
    baked_button = button(page, answer)
    expect(baked_button).to_have_text(re.compile(r"Dit zou ik ook doen\s+\(1\)"))
    baked_button.click()
    page.wait_for_url(f"**/api/threads/leiden-of-lijden/reacties?at={answer}#reactie-{answer}")
    expect(page.get_by_role("button", name=BUTTON)).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name=BUTTON)).to_have_text(re.compile(r"\(2\)"))
    expect(page.get_by_role("link", name="Terug naar de blog")).to_have_attribute("href", f"{POST}#reacties-lijst")
    context.close()
