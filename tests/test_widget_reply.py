"""Replying in Chromium: the reply form opens without poll options, asks for notices only with an
address, and the reply waits for approval like a comment."""

from __future__ import annotations

from playwright.sync_api import expect

from comments_service.domain.models import Comment
from comments_service.infra.database import db
from tests.support.comments import stored_count
from tests.support.widget import open_reply


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
