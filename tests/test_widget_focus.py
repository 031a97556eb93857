"""The keyboard in Chromium: every control of the comment section shows where the focus is, in both palettes,
and the focus stays where the reader is after sending, replying, withdrawing or cancelling."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.comments import approved, stored_count
from tests.support.widget import fill_answer, open_post, open_reply

# The focused element's ring: an outline (style, width in px) or a box-shadow, and where it is.
RING = """() => {
  const element = document.activeElement, style = getComputedStyle(element);
  return {tag: element.tagName.toLowerCase(), type: element.type || "", name: element.name || element.textContent.trim(),
          outline: style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0,
          shadow: style.boxShadow !== "none", top: element.getBoundingClientRect().top};
}"""
ACTIVE = "() => document.activeElement.id || document.activeElement.className || document.activeElement.tagName"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_control_of_the_form_shows_its_focus(served, scheme):
    app, base, browser = served
    approved(app.test_client(), author="Joost")
    page = open_post(browser, base, color_scheme=scheme)
    page.locator("#reacties-lijst").focus()
    seen = []
    for _ in range(40):  # through the list, the radio group, the fields, the checkboxes, to the button
        page.keyboard.press("Tab")
        ring = page.evaluate(RING)
        seen.append(ring)
        if ring["name"] == "Verstuur je reactie":
            break
    kinds = {(ring["tag"], ring["type"]) for ring in seen}
    assert {("input", "radio"), ("textarea", "textarea"), ("input", "text"), ("input", "email"),
            ("input", "checkbox"), ("button", "submit"), ("a", "")} <= kinds
    unseen = [ring for ring in seen if ring["outline"] < 2 and not ring["shadow"]]
    assert unseen == []
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert all(ring["top"] >= header for ring in seen)  # never under Material's fixed header


def test_focus_stays_on_the_form_while_and_after_it_sends(served):
    app, base, browser = served
    page = open_post(browser, base)
    fill_answer(page, "Eerst vragen waarom niemand belt.", "Marieke")
    page.get_by_role("button", name="Verstuur je reactie").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".comment__pending:visible")).to_have_count(1)
    assert page.evaluate("document.activeElement.dataset.submit") == ""  # the button, not the page's top
    assert stored_count(app) == 1


def test_a_reply_sent_by_keyboard_leaves_the_focus_on_the_reply(served):
    app, base, browser = served
    page, form, parent = open_reply(app, base, browser)
    expect(form.get_by_text("Je antwoord verschijnt nadat de redactie het heeft goedgekeurd.")).to_be_visible()
    form.get_by_role("button", name="Verstuur je antwoord").focus()
    page.keyboard.press("Enter")
    reply = page.locator(f"#reactie-{parent} .comment__replies > .comment")
    expect(reply.locator(".comment__pending")).to_be_visible()
    assert page.evaluate(ACTIVE) == reply.get_attribute("id")


def test_cancelling_a_reply_returns_the_focus_to_its_button(served):
    app, base, browser = served
    parent = approved(app.test_client(), author="Joost")
    page = open_post(browser, base)
    button = page.locator(f"#reactie-{parent}").get_by_role("button", name="Reageer")
    button.click()
    page.locator(f"#reactie-{parent} form").get_by_role("button", name="Annuleren").click()
    expect(page.locator(f"#reactie-{parent} form")).to_have_count(0)
    assert page.evaluate("document.activeElement.hasAttribute('data-reply')")


def test_the_reply_form_drops_an_error_once_its_field_is_fixed(served):
    app, base, browser = served
    parent = approved(app.test_client(), author="Joost")
    page = open_post(browser, base)
    page.locator(f"#reactie-{parent}").get_by_role("button", name="Reageer").click()
    form = page.locator(f"#reactie-{parent} form")
    form.get_by_role("button", name="Verstuur je antwoord").click()
    body_error, name_error = form.locator('[data-error="body"]'), form.locator('[data-error="author"]')
    expect(body_error).to_have_text("Schrijf je reactie.")
    expect(name_error).to_have_text("Vul je naam in.")
    form.get_by_label("Je antwoord").fill("Eens!")
    expect(body_error).to_have_text("")
    expect(form.get_by_label("Je antwoord")).not_to_have_attribute("aria-invalid", "true")
    expect(name_error).to_have_text("Vul je naam in.")  # the field not yet fixed keeps its error
    assert stored_count(app) == 1


def test_withdrawing_asks_first_and_says_it_is_done(served):
    app, base, browser = served
    page = open_post(browser, base)
    fill_answer(page, "Toch maar niet.", "Marieke")
    page.get_by_role("button", name="Verstuur je reactie").click()
    own = page.locator(".comments__list > .comment").first
    own.get_by_role("button", name="Intrekken").click()
    expect(own.get_by_text("Voorgoed intrekken?")).to_be_visible()
    assert page.evaluate("document.activeElement.textContent") == "Ja, intrekken"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Nee, laten staan"
    expect(own.get_by_role("button", name="Intrekken")).to_be_focused()
    assert stored_count(app) == 1
    own.get_by_role("button", name="Intrekken").click()
    own.get_by_role("button", name="Ja, intrekken").click()
    notice = page.locator(".comment--withdrawn")
    expect(notice).to_have_text("Je reactie is ingetrokken.")
    expect(notice).to_be_focused()
    assert stored_count(app) == 0


def test_every_field_says_whether_it_must_be_filled_in(served):
    """Seen as "(verplicht)" / "(niet verplicht)"; heard through `required`, not twice."""
    app, base, browser = served
    page = open_post(browser, base)
    form = page.locator("[data-form]")
    for field in ("Je reactie", "Naam"):
        expect(form.get_by_label(f"{field} (verplicht)", exact=True)).to_have_attribute("required", "")
        expect(form.get_by_role("textbox", name=field, exact=True)).to_be_visible()  # the name a screen reader says
    expect(form.locator("legend")).to_have_text("Welke aanpak past het best bij je antwoord? (verplicht)")
    expect(form.get_by_label("E-mail (niet verplicht)", exact=True)).not_to_have_attribute("required", "")


def test_a_withdrawn_reply_is_called_an_answer(served):
    app, base, browser = served
    page, form, parent = open_reply(app, base, browser)
    form.get_by_role("button", name="Verstuur je antwoord").click()
    reply = page.locator(f"#reactie-{parent} .comment__replies > .comment")
    reply.get_by_role("button", name="Intrekken").click()
    reply.get_by_role("button", name="Ja, intrekken").click()
    expect(page.locator(".comment--withdrawn")).to_have_text("Je antwoord is ingetrokken.")
    assert stored_count(app) == 1
