"""A long conversation on the built page: the build holds the tally and the first page only, and a reader
without JavaScript reaches every other answer through plain pages ("Meer reacties", then "Volgende reacties"),
in either order; the plain page refuses a broken link in Dutch."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest

from tests.support.browser import chromium
from tests.support.comments import approved, store_approved
from tests.support.site import mkdocs_build
from tests.support.widget import POST, served_post

START = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
OPTIONS = ["voorbeeld", "coachen", "coachen", "afspraken"]  # coachen leads: 60 of 120
LIST_ITEMS = re.compile(r'<li class="comment" id="reactie-(\d+)"')
MORE = re.compile(r'<a class="md-button" data-more href="([^"]+)"')


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    """The post built against a service holding 120 approved answers (and a reply), served with it: (app, base, ids)."""
    root = tmp_path_factory.mktemp("long")
    (root / "site").mkdir()  # the service serves the site from a folder that is there when it starts
    with served_post(root / "site", root / "comments.sqlite3") as (app, base):
        ids = store_approved(app, 120, OPTIONS)
        approved(app.test_client(), author="Antwoord", category=None, parent_id=ids[0])
        result = mkdocs_build(root / "site", COMMENTS_API_URL=base)
        assert result.returncode == 0, result.stderr
        yield app, base, ids, (root / "site" / "blog" / "leiden-of-lijden" / "index.html").read_text(encoding="utf-8")


def test_the_build_holds_the_first_page_and_the_tally_by_count(long_site):
    _, _, ids, html = long_site
    top_level = [int(n) for n in LIST_ITEMS.findall(html)]
    assert [n for n in top_level if n in set(ids)] == ids[:20] and len(top_level) == 21  # and the reply
    more = MORE.search(html).group(1)
    assert more.startswith("/api/threads/leiden-of-lijden/reacties?cursor=")
    labels = re.findall(r'<li class="poll__option[^"]*" data-option="([^"]+)"', html)
    assert labels[:3] == ["coachen", "voorbeeld", "afspraken"]  # by count; equal counts in front-matter order
    assert re.search(r'poll__option--leader" data-option="coachen"', html) and html.count("poll__option--leader") == 1


def test_without_javascript_every_answer_is_reachable_page_by_page(long_site):
    _, base, ids, _ = long_site
    with chromium() as browser:
        page = browser.new_context(java_script_enabled=False).new_page()
        page.goto(base + POST)
        seen = [int(n) for n in page.locator(".comments__list > li.comment").evaluate_all("items => items.map(i => i.id.slice(8))")]
        page.get_by_role("link", name="Meer reacties").click()
        while True:
            assert page.locator("h1").inner_text() == "Reacties op “Leiden of lijden”"
            seen += [int(n) for n in page.locator("main > ol > li.comment").evaluate_all("items => items.map(i => i.id.slice(8))")]
            following = page.get_by_role("link", name="Volgende reacties")
            if not following.count():
                break
            following.click()
        assert seen == ids
        page.get_by_role("link", name="Nieuwste eerst").click()
        newest = page.locator("main > ol > li.comment").first
        assert newest.get_attribute("id") == f"reactie-{ids[-1]}" and "Antwoord 119" in newest.inner_text()
        assert page.get_by_role("link", name="Oudste eerst").count() == 1
        page.get_by_role("link", name="Terug naar de blog").click()
        assert page.url.endswith(POST + "#reacties-lijst")


def test_the_plain_page_of_one_option_and_a_broken_link(long_site):
    app, _, ids, _ = long_site
    client = app.test_client()
    coachen = client.get("/api/threads/leiden-of-lijden/reacties?category=coachen&limit=100")
    text = coachen.get_data(as_text=True)
    assert coachen.status_code == 200 and "60 reacties met de aanpak “Coachen”" in text
    assert [int(n) for n in LIST_ITEMS.findall(text)] == [n for k, n in enumerate(ids) if OPTIONS[k % 4] == "coachen"]
    for query in ("cursor=kapot", "sort=willekeurig", "limit=1000", "at=999999"):
        broken = client.get(f"/api/threads/leiden-of-lijden/reacties?{query}")
        assert broken.status_code in (400, 404) and broken.mimetype == "text/html", query
        assert "Begin opnieuw" in broken.get_data(as_text=True) or "Controleer" in broken.get_data(as_text=True) \
            or "bestaat niet" in broken.get_data(as_text=True)


def test_a_snapshot_of_a_long_conversation_builds_the_same_first_page(long_site, tmp_path):
    app, _, ids, html = long_site
    snapshot = tmp_path / "snapshot.json"
    assert app.test_cli_runner().invoke(args=["snapshot", str(snapshot)]).exit_code == 0
    saved = json.loads(snapshot.read_text(encoding="utf-8"))["threads"]["leiden-of-lijden"]
    assert saved["total"] == 120 and saved["next"].startswith("cursor=") and len(saved["comments"]) == 20
    assert mkdocs_build(tmp_path / "snap", COMMENTS_SNAPSHOT=str(snapshot)).returncode == 0
    rebuilt = (tmp_path / "snap" / "blog" / "leiden-of-lijden" / "index.html").read_text(encoding="utf-8")
    assert LIST_ITEMS.findall(rebuilt) == LIST_ITEMS.findall(html)
    assert MORE.search(rebuilt).group(1) == MORE.search(html).group(1)


def test_without_javascript_a_linked_comment_is_marked_and_clear_of_the_header(long_site):
    _, base, ids, _ = long_site
    with chromium() as browser:
        page = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740}).new_page()
        page.goto(f"{base}{POST}#reactie-{ids[12]}")
        linked = page.locator(f"#reactie-{ids[12]}")
        header = page.locator(".md-header").bounding_box()
        assert header["y"] + header["height"] <= linked.bounding_box()["y"] < 740
        assert linked.locator("> .comment__card").evaluate("card => getComputedStyle(card).boxShadow") != "none"
        other = page.locator(f"#reactie-{ids[13]} > .comment__card")
        assert other.evaluate("card => getComputedStyle(card).boxShadow") == "none"
