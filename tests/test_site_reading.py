"""What a reader meets before writing, in Chromium: the question asked once, an invitation instead of a row of
zeros, nothing that waits for a script when there is none, and `make run` serving the page with the
conversation built in (times as Dutch clocks show them)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request

from playwright.sync_api import expect

from tests.support.apps import build_app, close, migrated
from tests.support.browser import chromium
from tests.support.comments import approved, withdrawn_with_an_answer
from tests.support.ports import free_port
from tests.support.site import ROOT
from tests.support.widget import POST, open_post

QUESTION = "Hoe zou jij dat als leidinggevende aanpakken?"
DUTCH_MOMENT = re.compile(r"^\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
                          r"|december) \d{4} om \d\d:\d\d$")


def test_the_question_is_asked_once_where_the_post_and_the_poll_meet(served):
    app, base, browser = served
    page = open_post(browser, base)
    expect(page.get_by_text(QUESTION, exact=True)).to_have_count(1)
    expect(page.locator(".closing-question")).to_have_text(QUESTION)
    expect(page.locator(".poll__question")).to_have_text("Zo zouden lezers het aanpakken")
    expect(page.locator("[data-form] legend")).to_have_text("Welke aanpak past het best bij je antwoord? (verplicht)")


def test_no_answer_yet_shows_an_invitation_not_a_row_of_zeros(served):
    app, base, browser = served
    page = open_post(browser, base, viewport={"width": 375, "height": 812}, is_mobile=True)
    expect(page.locator("[data-total]")).to_have_text("Nog geen reacties: wees de eerste")
    expect(page.locator(".poll__empty")).to_be_visible()
    expect(page.locator(".poll__options")).to_be_hidden()
    expect(page.locator("[data-order]")).to_be_hidden()
    top = page.locator(".poll__question").bounding_box()["y"]
    link = page.get_by_role("link", name="Schrijf je eigen antwoord").bounding_box()
    assert link["y"] + link["height"] - top < 812 / 2  # the invitation and its link in half a phone screen
    approved(app.test_client(), author="Joost")
    page.reload(wait_until="networkidle")
    expect(page.locator(".poll__options")).to_be_visible()
    expect(page.locator(".poll__empty")).to_be_hidden()
    expect(page.locator("[data-order]")).to_be_visible()


def test_without_javascript_and_without_a_built_conversation_nothing_waits_for_a_script(served):
    app, base, browser = served
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(base + POST)
    note = page.locator(".comments__note")  # in <noscript>, which Playwright's text search skips
    expect(note).to_have_text("Zonder JavaScript zie je hier de uitslag en de reacties niet. Reageren kan wel.")
    expect(note).to_be_visible()
    assert "geladen" not in page.locator("main").inner_text()
    expect(page.locator("[data-total]")).to_be_hidden()
    expect(page.locator("[data-figures]").first).to_be_hidden()
    expect(page.locator("#reacties-lijst")).to_be_hidden()  # no empty heading above nothing
    expect(page.locator("[data-form] legend")).to_be_visible()  # answering works


def _wait_for(url: str, process: subprocess.Popen, log, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(encoding="utf-8")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def test_make_run_serves_the_page_with_the_conversation_built_in(tmp_path):
    database = f"sqlite:///{tmp_path / 'run.sqlite3'}"
    app = build_app(migrated(database))
    try:
        approved(app.test_client(), author="Joost", category="coachen", body="Eerst **luisteren**.")
    finally:
        close(app)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database, "COMMENTS_SECRET_KEY": "test-secret"}
    env = {name: value for name, value in env.items() if name not in {"COMMENTS_API_URL", "COMMENTS_SNAPSHOT", "MAKEFLAGS"}}
    log = tmp_path / "make-run.log"
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(["make", "run", f"PORT={port}", f"SITE={tmp_path / 'site'}"], cwd=ROOT, env=env,
                                   stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for(f"http://127.0.0.1:{port}{POST}", process, log)
        with chromium() as browser:
            page = browser.new_context(java_script_enabled=False).new_page()
            page.goto(f"http://127.0.0.1:{port}{POST}")
            expect(page.locator(".comments__list .comment__author")).to_have_text(["Joost"])
            expect(page.locator("[data-total]")).to_have_text("1 reactie met een aanpak")
            expect(page.locator('[data-option="coachen"] [data-figures]')).to_have_text("1 reactie, 100%")
            when = page.locator(".comments__list time").inner_text()
            assert DUTCH_MOMENT.match(when), when
            assert "UTC" not in page.locator("main").inner_text() and "geladen" not in page.locator("main").inner_text()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_an_approach_is_named_by_its_short_label_in_a_one_line_badge(served):
    app, base, browser = served
    approved(app.test_client(), author="Joost", category="anders", body="Een heel andere aanpak.")
    page = open_post(browser, base, viewport={"width": 375, "height": 812}, is_mobile=True)
    badge = page.locator(".comments__list .comment__category .comment__badge")
    expect(badge).to_have_text("Iets anders")  # not "Iets anders (licht het toe in je reactie)"
    height = badge.bounding_box()["height"]
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.comment__body p')).lineHeight)")
    assert height <= line  # one line, not a two-line pill
    assert badge.evaluate("element => getComputedStyle(element).backgroundColor") == "rgba(0, 0, 0, 0)"  # light


def test_a_withdrawn_comment_shows_only_that_above_the_answers_that_stay(served):
    app, base, browser = served
    mine = withdrawn_with_an_answer(app)
    for path in (POST, "/api/threads/leiden-of-lijden/reacties"):  # the widget, and the plain page without it
        page = open_post(browser, base) if path == POST else browser.new_page()
        if path != POST:
            page.goto(base + path)
        withdrawn = page.locator(f"#reactie-{mine}")
        expect(withdrawn.locator("> .comment__card")).to_have_text("Deze reactie is ingetrokken.", use_inner_text=True)
        expect(withdrawn.locator(".comment__replies .comment__author")).to_have_text(["Bert"])
        expect(withdrawn.get_by_role("button", name="Reageer")).to_be_hidden()
        assert "Ans" not in page.locator("main").inner_text() and "Mijn aanpak" not in page.locator("main").inner_text()
