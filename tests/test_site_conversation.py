"""The approved conversation and the tally built into the post's HTML (from the service or a snapshot),
with JSON-LD; shown without JavaScript, refreshed by the widget without a layout shift; and a build
with the service down still succeeds, saying so in one INFO line."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from comments_service.domain.models import Status
from tests.support.browser import chromium
from tests.support.comments import COMMENTS_URL, approved, moderate, post, withdrawn_with_an_answer
from tests.support.live import live_server
from tests.support.site import mkdocs_build
from tests.support.widget import POST, served_post

HOSTILE = '<script>alert("naam")</script><img src=x onerror=alert(1)>'
LIST = re.compile(r'<ol class="comments__list" data-list[^>]*>(.*?)</ol>\s*<p class="comments__more"', re.DOTALL)
LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def seed(app) -> dict:
    client = app.test_client()
    parent = approved(client, author="Joost", body="Zelf **meebellen**, met [een script](https://example.nl).")
    approved(client, author=HOSTILE[:80], category="coachen", body=HOSTILE)
    approved(client, author="Anna", category=None, parent_id=parent, body="Eens!")
    pending = post(client, author="Wachtend", body="Nog niet zichtbaar").get_json()["id"]
    rejected = post(client, author="Afgewezen", body="Nooit zichtbaar").get_json()["id"]
    moderate(app, Status.REJECTED, rejected)
    return {"pending": pending, "rejected": rejected, "api": client.get(COMMENTS_URL).get_json()}


def built_page(site) -> str:
    return (site / "blog" / "leiden-of-lijden" / "index.html").read_text(encoding="utf-8")


def test_a_build_against_the_service_holds_the_approved_conversation(make_app, tmp_path):
    app = make_app()
    seeded = seed(app)
    with live_server(app) as base:
        result = mkdocs_build(tmp_path / "site", COMMENTS_API_URL=base)
    assert result.returncode == 0, result.stderr
    html = built_page(tmp_path / "site")
    listed = LIST.search(html).group(1)
    ids = [int(n) for n in re.findall(r'id="reactie-(\d+)"', listed)]
    expected = [c["id"] for c in seeded["api"] for c in (c, *c["replies"])]
    assert sorted(ids) == sorted(expected)
    assert "Wachtend" not in html and "Afgewezen" not in html and "Nooit zichtbaar" not in html
    assert "<script>alert" not in listed and "onerror=alert" not in listed.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(&#34;naam&#34;)&lt;/script&gt;" in listed  # the name, as text
    assert "2 reacties met een aanpak" in html and "1 reactie, 50%" in html
    ld = json.loads(LD.search(html).group(1))
    assert ld["@type"] == "BlogPosting" and ld["commentCount"] == 3
    assert [c["author"]["name"] for c in ld["comment"]] == [c["author"] for c in seeded["api"]]
    assert ld["comment"][0]["comment"][0]["text"] == "Eens!"
    print(f"built in: {len(ids)} approved comments and replies, the tally and JSON-LD; 0 pending or rejected")


def test_a_snapshot_builds_the_same_page(make_app, tmp_path):
    app = make_app()
    seed(app)
    snapshot = tmp_path / "snapshot.json"
    result = app.test_cli_runner().invoke(args=["snapshot", str(snapshot)])
    assert result.exit_code == 0, result.output
    assert "@" not in snapshot.read_text(encoding="utf-8")  # public answers only: no e-mail addresses
    with live_server(app) as base:
        assert mkdocs_build(tmp_path / "live", COMMENTS_API_URL=base).returncode == 0
    assert mkdocs_build(tmp_path / "snap", COMMENTS_SNAPSHOT=str(snapshot)).returncode == 0
    assert LIST.search(built_page(tmp_path / "live")).group(1) == LIST.search(built_page(tmp_path / "snap")).group(1)


def test_a_withdrawn_comment_is_built_as_withdrawn_without_its_writer(make_app, tmp_path):
    """The page and its JSON-LD say the comment was withdrawn; nothing of its writer, only the answers that stay."""
    app = make_app()
    withdrawn_with_an_answer(app)
    snapshot = tmp_path / "snapshot.json"
    assert app.test_cli_runner().invoke(args=["snapshot", str(snapshot)]).exit_code == 0
    assert mkdocs_build(tmp_path / "site", COMMENTS_SNAPSHOT=str(snapshot)).returncode == 0
    html = built_page(tmp_path / "site")
    withdrawn = json.loads(LD.search(html).group(1))["comment"][0]
    assert (withdrawn["text"], "author" in withdrawn) == ("Deze reactie is ingetrokken.", False)
    assert [(reply["author"]["name"], reply["text"]) for reply in withdrawn["comment"]] == [("Bert", "Goed idee")]
    assert "Ans" not in LIST.search(html).group(1) and "Mijn aanpak" not in html


def test_with_the_service_down_the_build_succeeds_and_says_so(tmp_path):
    result = mkdocs_build(tmp_path / "site", COMMENTS_API_URL="http://127.0.0.1:1")
    assert result.returncode == 0, result.stderr
    notices = [line for line in result.stderr.splitlines() if "comments:" in line]
    assert len(notices) == 1 and notices[0].startswith("INFO") and "loads it live" in notices[0], notices
    html = built_page(tmp_path / "site")
    assert LIST.search(html).group(1).strip() == "" and "De uitslag wordt geladen" in html


@pytest.fixture
def served_with_conversation(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    with served_post(site, tmp_path / "c.sqlite3") as (app, base), chromium() as browser:
        seed(app)
        result = mkdocs_build(site, COMMENTS_API_URL=base)
        assert result.returncode == 0, result.stderr
        yield app, base, browser


def test_without_javascript_the_built_conversation_shows(served_with_conversation):
    app, base, browser = served_with_conversation
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(base + POST)
    expect(page.locator(".comments__list .comment")).to_have_count(3)
    expect(page.locator(".poll__total")).to_have_text("2 reacties met een aanpak")
    expect(page.locator(".comments__list .comment__author").nth(2)).to_have_text(HOSTILE[:80])  # after the reply


def test_the_widget_takes_over_without_a_layout_shift(served_with_conversation):
    app, base, browser = served_with_conversation
    context = browser.new_context(viewport={"width": 375, "height": 812})
    context.add_init_script("""
      window.__shift = 0;
      new PerformanceObserver((list) => {
        // Material's drawer (md-sidebar) is placed by Material's own script, whose timing under load is not ours.
        for (const entry of list.getEntries()) if (!entry.hadRecentInput
            && !entry.sources.every((source) => source.node?.closest?.(".md-sidebar"))) {
          window.__shift += entry.value;
          (window.__sources = window.__sources || []).push(...entry.sources.map((source) => [
            source.node?.className || source.node?.nodeName, source.previousRect.y, source.currentRect.y]));
        }
      }).observe({ type: "layout-shift", buffered: true });
    """)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with page.expect_response(lambda response: "/api/threads/leiden-of-lijden/comments?" in response.url):
        page.goto(base + POST + "#reacties-lijst", wait_until="networkidle")  # the list in view as the widget loads
    expect(page.locator(".comments__list time").first).not_to_contain_text("UTC")  # the widget made it relative
    page.wait_for_timeout(300)
    shift = page.evaluate("window.__shift")
    print(f"widget takeover of the built conversation on a 375 px phone: cumulative layout shift {shift:.4f}, "
          f"{len(dialogs)} dialogs")
    assert shift == 0, page.evaluate("window.__sources")  # what moved, from where to where
    assert dialogs == []
