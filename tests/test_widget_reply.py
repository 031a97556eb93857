"""Replying in Chromium: the reply form opens without poll options, asks for notices only with an
address, and the reply waits for approval like a comment."""

from __future__ import annotations

from playwright.sync_api import expect

from comments_service.domain.models import Comment
from comments_service.infra.database import db
from tests.support.comments import approved, stored_count
from tests.support.widget import open_post, open_reply


def test_an_answer_takes_no_answer_of_its_own(served):
    """One level of replies: a published reply has no "Reageer" button; its comment has one."""
    app, base, browser = served
    client = app.test_client()
    parent = approved(client, author="Joost")
    reply = approved(client, author="Anna", category=None, parent_id=parent, body="Eens!")
    page = open_post(browser, base)
    expect(page.locator(f"#reactie-{reply} .comment__author")).to_have_text("Anna")
    expect(page.locator(f"#reactie-{reply}").get_by_role("button", name="Reageer")).to_have_count(0)
    expect(page.locator(f"#reactie-{parent}").get_by_role("button", name="Reageer")).to_have_count(1)


def test_a_reply_opens_without_poll_options_and_waits_too(served):
    app, base, browser = served
    page, form, parent = open_reply(app, base, browser)
    assert form.locator("input[type=radio]").count() == 0
    form.get_by_role("button", name="Verstuur je antwoord").click()
    expect(page.locator(f"#reactie-{parent} .comment__replies .comment__pending")).to_be_visible()
    assert stored_count(app) == 2


def test_both_forms_ask_for_notices_only_with_an_address(served):
    app, base, browser = served
    page, form, parent = open_reply(app, base, browser)
    form.get_by_label("Mail me als mijn antwoord online staat").check()
    form.get_by_role("button", name="Verstuur je antwoord").click()
    expect(form.locator('[data-error="notify_replies"]')).to_have_text(
        "Vul je e-mailadres in: daar sturen we het bericht heen.")
    form.get_by_label("E-mail").fill("anna@example.nl")
    form.get_by_role("button", name="Verstuur je antwoord").click()
    expect(page.locator(f"#reactie-{parent} .comment__replies .comment__pending")).to_be_visible()
    main = page.locator("form[data-form]")
    assert main.get_by_label("Mail me als iemand op mijn reactie reageert").is_checked() is False  # off by default
    with app.app_context():
        reply_row = db.session.scalars(db.select(Comment).where(Comment.parent_id == parent)).one()
        assert (reply_row.email, reply_row.notify_replies) == ("anna@example.nl", True)
