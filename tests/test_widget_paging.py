"""The widget on a long conversation, in Chromium on a phone: a page at a time with "Meer reacties", either
order, an option's answers through the API (announced, in view, focus on the list), and a link to a comment on
a later page."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support.comments import store_approved
from tests.support.widget import POST, open_post, show_all

OPTIONS = ["voorbeeld", "coachen", "coachen", "afspraken"]  # coachen: 60 of 120
PHONE = {"viewport": {"width": 375, "height": 740}}


def _shown_ids(page) -> list[int]:
    return [int(i) for i in page.locator(".comments__list > .comment").evaluate_all("items => items.map(i => i.id.slice(8))")]


def test_more_answers_a_page_at_a_time_in_either_order(served):
    app, base, browser = served
    ids = store_approved(app, 120, OPTIONS)
    page = open_post(browser, base, **PHONE)
    more = page.get_by_role("link", name="Meer reacties")
    expect(page.locator(".comments__list > .comment")).to_have_count(20)
    assert _shown_ids(page) == ids[:20]
    more.click()
    expect(page.locator(".comments__list > .comment")).to_have_count(40)
    expect(page.locator("[data-list-status]")).to_have_text("20 reacties erbij.")
    show_all(page)
    expect(page.locator(".comments__list > .comment")).to_have_count(120)
    expect(more).to_be_hidden()
    assert _shown_ids(page) == ids
    newest = page.get_by_role("button", name="Nieuwste eerst")
    newest.click()
    expect(newest).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Oudste eerst")).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".comments__list > .comment")).to_have_count(20)
    assert _shown_ids(page) == ids[::-1][:20]
    more.click()
    expect(page.locator(".comments__list > .comment")).to_have_count(40)
    assert _shown_ids(page) == ids[::-1][:40]
    assert page.dialogs == []


def test_an_option_shows_its_answers_under_the_bars_and_says_how_many(served):
    app, base, browser = served
    ids = store_approved(app, 120, OPTIONS)
    page = open_post(browser, base, **PHONE)
    rows = page.locator(".poll__option")
    expect(rows.first).to_have_attribute("data-option", "coachen")  # the leader first
    expect(rows.first.locator("[data-leader]")).to_be_visible()
    expect(page.locator(".poll__option--leader")).to_have_count(1)
    rows.first.locator("button").click()
    status = page.locator("[data-filter-label]")
    expect(status).to_have_text("60 reacties met de aanpak “Coachen”.")  # the short label
    assert status.get_attribute("role") == "status"
    expect(page.locator(".comments__list > .comment")).to_have_count(20)
    assert _shown_ids(page) == [n for k, n in enumerate(ids) if OPTIONS[k % 4] == "coachen"][:20]
    assert page.evaluate("document.activeElement.id") == "reacties-lijst"
    top = page.locator("#reacties-lijst").bounding_box()["y"]
    header = page.locator(".md-header").bounding_box()
    assert header["y"] + header["height"] <= top < 740  # the list came into view, not under the header
    assert top < page.locator("#jouw-aanpak").bounding_box()["y"]  # the answers before the form
    show_all(page)
    expect(page.locator(".comments__list > .comment")).to_have_count(60)
    page.get_by_role("button", name="Toon alle reacties").click()
    expect(status).to_have_text("")
    expect(page.get_by_role("button", name="Toon alle reacties")).to_be_hidden()
    expect(page.locator('[data-option="coachen"] button')).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".comments__list > .comment")).to_have_count(20)
    assert _shown_ids(page) == ids[:20]


def test_a_link_to_a_comment_on_a_later_page_opens_that_page(served):
    app, base, browser = served
    ids = store_approved(app, 120, OPTIONS)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{base}{POST}#reactie-{ids[110]}", wait_until="networkidle")
    linked = page.locator(f"#reactie-{ids[110]}")
    expect(linked).to_be_in_viewport()
    header = page.locator(".md-header").bounding_box()
    assert linked.bounding_box()["y"] >= header["y"] + header["height"]  # not under Material's fixed header
    assert linked.locator("> .comment__card").evaluate("card => getComputedStyle(card).boxShadow") != "none"
    assert page.locator(".comment--linked").count() == 1
    assert _shown_ids(page) == ids[110:]
    expect(page.locator("[data-filter-label]")).to_have_text("Je ziet de reacties vanaf de gelinkte reactie.")
    page.get_by_role("button", name="Toon alle reacties").click()
    expect(page.locator(".comments__list > .comment")).to_have_count(20)
    assert _shown_ids(page)[0] == ids[0]
    expect(page.locator("[data-filter-label]")).to_have_text("")
    page.evaluate(f"location.hash = '#reactie-{ids[80]}'")  # a link followed on the page itself
    expect(page.locator(".comments__list > .comment").first).to_have_id(f"reactie-{ids[80]}")  # the page that opens with it
    expect(page.locator(f"#reactie-{ids[80]}")).to_be_in_viewport()


BACK_ON_THE_TAB = """() => {
    for (const state of ["hidden", "visible"]) {
        Object.defineProperty(document, "visibilityState", {value: state, configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }
}"""


def test_back_on_the_tab_the_tally_and_the_list_refresh_together_or_not_at_all(served):
    app, base, browser = served
    store_approved(app, 3, OPTIONS)
    page = open_post(browser, base, **PHONE)
    expect(page.locator(".comments__list > .comment")).to_have_count(3)
    store_approved(app, 1, ["anders"], first_minute=10)
    page.evaluate(BACK_ON_THE_TAB)
    expect(page.locator(".comments__list > .comment")).to_have_count(4)
    expect(page.locator("[data-total]")).to_have_text("4 reacties met een aanpak")
    store_approved(app, 30, OPTIONS, first_minute=20)
    page.reload(wait_until="networkidle")
    show_all(page)  # 34 shown: the reader went down the list
    expect(page.locator(".comments__list > .comment")).to_have_count(34)
    store_approved(app, 1, ["anders"], first_minute=100)
    page.evaluate(BACK_ON_THE_TAB)
    page.wait_for_timeout(500)
    expect(page.locator(".comments__list > .comment")).to_have_count(34)  # their place kept...
    expect(page.locator("[data-total]")).to_have_text("34 reacties met een aanpak")  # ...and counts that match it
