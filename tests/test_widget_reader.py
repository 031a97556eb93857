"""The reader's flow in Chromium: see the results, answer, see it pending, withdraw; errors at their fields."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from tests.support.browser import chromium
from tests.support.comments import approved, stored_count
from tests.support.widget import COACHEN, fill_answer, open_post, served_post

THANKS = "Bedankt! Je reactie is ontvangen en verschijnt na goedkeuring."


def answer(page, option: str, body: str, name: str) -> None:
    fill_answer(page, body, name, option)
    page.get_by_role("button", name="Verstuur je reactie").click()


def test_an_empty_thread_invites_the_first_answer(served):
    app, base, browser = served
    page = open_post(browser, base)
    expect(page.locator("[data-total]")).to_have_text("Nog geen reacties: wees de eerste")
    expect(page.locator("[data-list-status]")).to_have_text("Er zijn nog geen gepubliceerde reacties.")
    expect(page.locator(".poll__option--leader")).to_have_count(0)  # no answer leads with none given
    expect(page.locator("[data-leader]:visible")).to_have_count(0)


def test_read_choose_comment_see_pending_and_withdraw(served):
    app, base, browser = served
    page = open_post(browser, base)
    answer(page, COACHEN, "Eerst vragen waarom niemand belt.", "Marieke")
    expect(page.locator("[data-form-status]")).to_have_text(THANKS)
    own = page.locator(".comments__list .comment").first
    expect(own.locator(".comment__pending")).to_have_text("Wacht op goedkeuring")
    expect(own.locator(".comment__author")).to_have_text("Marieke")
    expect(page.locator('[data-option="coachen"] [data-figures]')).to_contain_text("jouw keuze")
    assert page.get_by_label("Je reactie (verplicht)", exact=True).input_value() == ""
    assert stored_count(app) == 1
    page.reload(wait_until="networkidle")
    own = page.locator(".comments__list .comment").first
    expect(own.locator(".comment__pending")).to_be_visible()
    own.get_by_role("button", name="Intrekken").click()
    own.get_by_role("button", name="Ja, intrekken").click()
    expect(page.locator(".comments__list .comment")).to_have_text(["Je reactie is ingetrokken."])
    assert stored_count(app) == 0


def test_a_second_answer_from_the_same_page_is_a_comment_of_its_own(served):
    """Each comment gets its own Idempotency-Key: the first one's, sent again with other text, would be refused."""
    app, base, browser = served
    page = open_post(browser, base)
    answer(page, COACHEN, "Eerst vragen waarom niemand belt.", "Marieke")
    expect(page.locator(".comments__list .comment__pending")).to_have_count(1)
    answer(page, COACHEN, "En dan samen de eerste klant bellen.", "Marieke")
    expect(page.locator(".comments__list .comment__pending")).to_have_count(2)
    expect(page.locator("[data-form-status]")).to_have_text(THANKS)
    assert stored_count(app) == 2


def test_dutch_errors_appear_at_their_fields(served):
    app, base, browser = served
    page = open_post(browser, base)
    page.get_by_role("button", name="Verstuur je reactie").click()
    expect(page.locator("#fout-category")).to_have_text("Kies de aanpak die het best bij je reactie past.")
    expect(page.locator("#fout-body")).to_have_text("Schrijf je reactie.")
    expect(page.locator("#fout-author")).to_have_text("Vul je naam in.")
    expect(page.locator("#comment-author")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-form-status]")).to_have_text("Controleer de gemarkeerde velden.")
    expect(page.get_by_role("button", name="Opnieuw proberen")).to_be_hidden()  # a refusal is no network fault
    answer(page, COACHEN, "Mijn tekst", "Redactie")
    expect(page.locator("#fout-body")).to_have_text("")
    expect(page.locator("#fout-author")).to_contain_text("voorbehouden")
    assert stored_count(app) == 0


def test_after_approval_the_comment_appears_its_bar_moves_and_a_bar_filters(served):
    app, base, browser = served
    client = app.test_client()
    approved(client, category="voorbeeld", author="Joost")
    page = open_post(browser, base)
    answer(page, COACHEN, "Vragen wat er speelt.", "Marieke")
    expect(page.locator(".comment__pending:visible")).to_have_count(1)
    expect(page.locator('[data-option="coachen"] [data-figures]')).to_contain_text("0 reacties")
    own_id = int(page.locator(".comments__list .comment").last.get_attribute("id").removeprefix("reactie-"))
    result = app.test_cli_runner().invoke(args=["comments", "approve", str(own_id)])
    assert result.exit_code == 0
    page.reload(wait_until="networkidle")
    expect(page.locator(".comments__list > .comment")).to_have_count(2)
    expect(page.locator('[data-option="coachen"] [data-figures]')).to_have_text("1 reactie, 50% · jouw keuze")
    expect(page.locator(f"#reactie-{own_id} .comment__pending")).to_be_hidden()
    page.locator('[data-option="coachen"] button').click()
    expect(page.locator('[data-option="coachen"] button')).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".comments__list > .comment:visible")).to_have_count(1)
    expect(page.locator("[data-filter]")).to_contain_text("1 reactie met de aanpak")
    page.get_by_role("button", name="Toon alle reacties").click()
    expect(page.locator(".comments__list > .comment:visible")).to_have_count(2)


def test_a_network_failure_keeps_the_text_and_offers_a_retry(served):
    app, base, browser = served
    page = open_post(browser, base)
    page.route("**/api/threads/*/comments", lambda route: route.abort() if route.request.method == "POST" else route.continue_())
    answer(page, COACHEN, "Mijn verhaal", "Marieke")
    retry = page.get_by_role("button", name="Opnieuw proberen")
    expect(retry).to_be_visible()
    expect(page.locator("[data-form-status]")).to_contain_text("Je tekst staat er nog")
    assert page.get_by_label("Je reactie (verplicht)", exact=True).input_value() == "Mijn verhaal"
    page.unroute("**/api/threads/*/comments")
    retry.click()
    expect(page.locator("[data-form-status]")).to_have_text(THANKS)
    assert stored_count(app) == 1


def test_the_rate_limit_shows_the_wait(built_site, tmp_path):
    with served_post(built_site, tmp_path / "c.sqlite3", RATELIMIT_ENABLED=True, RATELIMIT_POST="1 per minute") as (app, base), chromium() as browser:
        page = open_post(browser, base)
        answer(page, COACHEN, "Eerste", "Marieke")
        expect(page.locator("[data-form-status]")).to_have_text(THANKS)
        answer(page, COACHEN, "Tweede", "Marieke")
        expect(page.locator("[data-form-status]")).to_have_text(re.compile(r"^Je hebt even te veel reacties verstuurd. Probeer het over \d+ seconden opnieuw."))
        assert page.get_by_label("Je reactie (verplicht)", exact=True).input_value() == "Tweede"


def test_name_and_email_are_remembered_only_when_asked(served):
    app, base, browser = served
    page = open_post(browser, base)
    page.get_by_label("Onthoud mijn naam en e-mail op dit apparaat").check()
    page.get_by_label("E-mail", exact=False).first.fill("marieke@example.nl")
    answer(page, COACHEN, "Tekst", "Marieke")
    expect(page.locator("[data-form-status]")).to_have_text(THANKS)
    page.reload(wait_until="networkidle")
    expect(page.get_by_label("Naam (verplicht)", exact=True)).to_have_value("Marieke")
    expect(page.locator("#comment-email")).to_have_value("marieke@example.nl")


def test_mounting_twice_changes_nothing(served):
    app, base, browser = served
    approved(app.test_client())
    page = open_post(browser, base)
    expect(page.locator(".comments__list .comment")).to_have_count(1)
    page.evaluate("document$.next(document)")
    answer(page, COACHEN, "Eén keer", "Marieke")
    expect(page.locator("[data-form-status]")).to_have_text(THANKS)
    expect(page.locator(".comments__list > .comment")).to_have_count(2)
    assert stored_count(app) == 2


def test_the_character_counter_follows_the_text(served):
    page = open_post(served[2], served[1])
    page.get_by_label("Je reactie (verplicht)", exact=True).fill("Hallo")
    expect(page.locator("[data-counter]")).to_have_text("5 / 5000 tekens")


def test_dates_read_in_dutch_with_the_exact_time_kept(built_site, tmp_path):
    three_days_ago = datetime.now(timezone.utc) - timedelta(days=3)
    with served_post(built_site, tmp_path / "c.sqlite3", CLOCK=lambda: three_days_ago) as (app, base), chromium() as browser:
        comment_id = approved(app.test_client(), author="Joost")
        page = open_post(browser, base)
        time = page.locator(f"#reactie-{comment_id} time")
        expect(time).to_have_text("3 dagen geleden")
        assert time.get_attribute("datetime").startswith(three_days_ago.strftime("%Y-%m-%dT%H:%M"))
        assert three_days_ago.strftime("%Y") in time.get_attribute("title")
        assert page.locator(f"#reactie-{comment_id} .comment__permalink").get_attribute("href") == f"#reactie-{comment_id}"


def test_a_lost_answer_is_retried_without_storing_the_comment_twice(served):
    app, base, browser = served
    page = open_post(browser, base)
    lost: list[bool] = []

    def lose_the_first_answer(route):
        if route.request.method == "POST" and not lost:
            route.fetch()  # the service stores the comment...
            lost.append(True)
            route.abort()  # ...but its answer never reaches the reader
        else:
            route.continue_()

    page.route("**/api/threads/*/comments", lose_the_first_answer)
    answer(page, COACHEN, "Eén keer opslaan", "Marieke")
    retry = page.get_by_role("button", name="Opnieuw proberen")
    expect(retry).to_be_visible()
    retry.click()
    expect(page.locator("[data-form-status]")).to_have_text(THANKS)
    assert stored_count(app) == 1


def test_a_comments_lists_and_bare_links_show_as_typed(served):
    app, base, browser = served
    approved(app.test_client(), body="1. eerst bellen\n2. dan mailen\n\n- samen\n- alleen\n\nZie www.voorbeeld.nl")
    page = open_post(browser, base)
    body = page.locator(".comments__list .comment__body")
    expect(body.locator("ol > li")).to_have_count(2)
    styles = body.evaluate("b => [getComputedStyle(b.querySelector('ol')).listStyleType, getComputedStyle(b.querySelector('ul')).listStyleType]")
    assert styles == ["decimal", "disc"]  # 1. 2. as typed, not a. b. (the list of comments around is an <ol> too)
    link = body.get_by_role("link", name="www.voorbeeld.nl")
    assert link.get_attribute("href") == "http://www.voorbeeld.nl" and link.get_attribute("rel") == "nofollow noopener ugc"
