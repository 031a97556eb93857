"""The build's own sanitising (hooks/conversation.py and the templates), tried with hostile input: a snapshot
and an API answer that did not come from this service's clean output. The built page holds none of it,
and Chromium fires no dialog on it."""

from __future__ import annotations

import json
import re

import pytest

from tests.support.browser import chromium
from tests.support.html_parse import Parsed
from tests.support.site import mkdocs_build, serve_folder
from tests.support.widget import POST

# The comment section, to its end (after its JSON-LD; the advice's <section> is nested in it).
SECTION = re.compile(r'<section class="comments[^"]*".*?<script type="application/ld\+json">.*?</script>\s*</section>', re.DOTALL)
LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
ALERT = "alert(1)"


def _hostile_comment(number: int, replies: list) -> dict:
    return {
        "id": f'{number}" onmouseover="{ALERT}',
        "author": f'<img src=x onerror="{ALERT}">Lezer {number}</script><script>{ALERT}</script>',
        "body_html": (f'<p>Tekst {number} &lt;/script&gt;&lt;script&gt;{ALERT}&lt;/script&gt;</p><script>{ALERT}</script><img src=x onerror="{ALERT}">'
                      f'<a href="javascript:{ALERT}">klik</a><a href="https://example.nl" onclick="{ALERT}">ok</a>'
                      f'<iframe src="javascript:{ALERT}"></iframe><p style="background:url(javascript:{ALERT})">s</p>'
                      f'<svg onload="{ALERT}"></svg><math><mi xlink:href="javascript:{ALERT}">m</mi></math>'),
        "created_at": "2026-11-27T09:00:00Z",
        "edited_at": f'"><script>{ALERT}</script>',
        "is_author": f"<script>{ALERT}</script>",
        "category": {"id": f'voorbeeld" onmouseover="{ALERT}', "label": f"<script>{ALERT}</script>",
                     "short": f"<script>{ALERT}</script>"},
        "parent_id": None,
        "replies": replies,
    }


def _poll() -> dict:
    return {"total": f"<script>{ALERT}</script>", "closed": False, "advice": {"state": "published"}, "options": [
        {"id": "voorbeeld", "label": f"<script>{ALERT}</script>", "count": f'1" onmouseover="{ALERT}',
         "percent": f'1%;background:url(javascript:{ALERT})'}]}


def _advice() -> dict:
    split = {"total": f"<script>{ALERT}</script>", "options": [{"id": "coachen", "count": f'1" onmouseover="{ALERT}'}]}
    return {"body_html": (f'<h4>Ons advies</h4><script>{ALERT}</script><img src=x onerror="{ALERT}">'
                          f'<a href="javascript:{ALERT}">klik</a><h1 onclick="{ALERT}">kop</h1>'),
            "options": [f'coachen" onmouseover="{ALERT}', "coachen"], "published_at": f"<script>{ALERT}</script>",
            "agreement": {"count": f"<script>{ALERT}</script>", "total": -3, "percent": 10**9}, "before": split, "after": split}


def _answers() -> dict:
    reply = _hostile_comment(2, [])
    return {"comments": [_hostile_comment(1, [reply])], "poll": _poll(), "advice": _advice(), "total": f"<script>{ALERT}</script>",
            "next": f'cursor=x"><script>{ALERT}</script><a href="javascript:{ALERT}">'}


def _dangers(html: str) -> list[str]:
    """Every script, event handler and javascript: URL in a piece of HTML."""
    found = []
    for tag, attrs in Parsed(html).elements:
        if tag in {"script", "iframe", "svg", "math", "img", "object", "embed"} and attrs.get("type") != "application/ld+json":
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name == "style" and "javascript" in (value or ""):
                found.append(f"{name} on <{tag}>")
            if "javascript:" in (value or "").lower():
                found.append(f"{name}={value!r}")
    return found


def _section(site) -> str:
    return SECTION.search((site / "blog" / "leiden-of-lijden" / "index.html").read_text(encoding="utf-8")).group(0)


@pytest.fixture(scope="module")
def hostile_builds(tmp_path_factory):
    """The post built from a hostile snapshot, and from a hostile API answer."""
    root = tmp_path_factory.mktemp("hostile")
    snapshot = root / "snapshot.json"
    snapshot.write_text(json.dumps({"format": 1, "threads": {"leiden-of-lijden": _answers()}}), encoding="utf-8")
    service = root / "service"
    (service / "api" / "threads" / "leiden-of-lijden").mkdir(parents=True)
    for kind, value in _answers().items():
        (service / "api" / "threads" / "leiden-of-lijden" / kind).write_text(json.dumps(value), encoding="utf-8")
    builds = {}
    with serve_folder(service) as base:
        for source, env in (("snapshot", {"COMMENTS_SNAPSHOT": str(snapshot)}), ("api", {"COMMENTS_API_URL": base})):
            result = mkdocs_build(root / source, **env)
            assert result.returncode == 0, result.stderr
            builds[source] = root / source
    return builds


@pytest.mark.parametrize("source", ["snapshot", "api"])
def test_a_hostile_conversation_builds_into_text_only(hostile_builds, source):
    section = _section(hostile_builds[source])
    assert "Tekst 1" in section and "Tekst 2" in section  # the conversation was built in
    assert "<h4>Ons advies</h4>" in section and "0 van de 0 lezers (0%)" in section  # the advice too, its figures checked
    assert _dangers(section) == []
    ld_script = LD.search(section)
    markup = section.replace(ld_script.group(0), "")
    assert 'id="reactie-0"' in markup  # a hostile id becomes a number
    assert 'onmouseover="' not in markup and "<script>alert" not in markup  # hostile text only ever escaped
    ld = json.loads(ld_script.group(1))
    assert ld["comment"][0]["text"].startswith(f"Tekst 1 </script><script>{ALERT}</script>")  # escaped for <script>


def test_a_hostile_date_leaves_the_page_to_the_widget(tmp_path):
    answers = _answers()
    answers["comments"][0]["created_at"] = f"<script>{ALERT}</script>"
    snapshot = tmp_path / "snapshot.json"
    snapshot.write_text(json.dumps({"format": 1, "threads": {"leiden-of-lijden": answers}}), encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", COMMENTS_SNAPSHOT=str(snapshot))
    assert result.returncode == 0 and "loads it live" in result.stderr
    assert "Tekst 1" not in _section(tmp_path / "site") and _dangers(_section(tmp_path / "site")) == []


def test_chromium_fires_no_dialog_on_the_hostile_build(hostile_builds):
    with serve_folder(hostile_builds["snapshot"]) as base, chromium() as browser:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.route("**/api/**", lambda route: route.abort())  # no service: the built page is all there is
        page.goto(base + POST)
        page.locator(".comments__list .comment").first.wait_for(state="attached")
        page.evaluate("""() => document.querySelectorAll(".comments *").forEach((element) => {
          for (const type of ["mouseover", "mouseenter", "focus", "load", "error"]) element.dispatchEvent(new Event(type));
        })""")
        page.wait_for_timeout(300)
        assert dialogs == []
        assert page.locator(".comments__list .comment").count() == 2
