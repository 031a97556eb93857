"""Every hostile string of the corpora through every write path (the author's edit and reply, a backup's
import, the author's mail): shown exactly as typed or refused in Dutch with nothing stored, and never
a disallowed tag, attribute or URL scheme in the API, the admin or the mail."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from pydantic_core import PydanticCustomError

from comments_service.domain.fields import clean_body
from comments_service.domain.models import Comment, Status
from comments_service.domain.versions import bump
from comments_service.infra.database import db
from comments_service.mail.author import queue_new_comment
from comments_service.mail.outbox import OutboxMessage
from tests.support.admin import csrf_token, log_in, make_admin
from tests.support.browser import chromium
from tests.support.comments import THREAD, approved, every_page
from tests.support.corpora import blns, identifiable_xss, xss_payloads
from tests.support.html_check import SCHEMES, disallowed
from tests.support.html_parse import Parsed
from tests.support.widget import open_post, served_post, show_all

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc)
TEXT_REFUSALS = {"Schrijf je reactie.", "Je reactie bevat onzichtbare stuurtekens; haal die weg.", "Dit veld bevat ongeldige tekens.",
                 "Vul een tekst in: een lege tekst kan niet.", "Een tekst mag hoogstens 5000 tekens lang zijn."}


def corpus() -> list[str]:
    return xss_payloads() + blns()


def _public(app) -> dict[int, dict]:
    """The approved conversation by id, replies included, each with the text stored for it (the public list
    carries only the rendering)."""
    flat = {}
    for comment in every_page(app.test_client()):
        flat[comment["id"]] = comment
        flat.update({reply["id"]: reply for reply in comment["replies"]})
    with app.app_context():
        return {key: value | {"body": db.session.get(Comment, key).body} for key, value in flat.items()}


@pytest.mark.parametrize("path", ["edit", "reply"])
def test_the_authors_edit_and_reply_show_text_as_typed_or_refuse_it(make_app, path):
    app = make_app()
    make_admin(app)
    admin = app.test_client()
    log_in(admin)
    token = csrf_token(admin, "/admin/")
    texts = corpus()
    targets = _approved_many(app, len(texts))
    expected, refused = {}, 0
    for target, text in zip(targets, texts, strict=True):
        response = admin.post(f"/admin/comments/{target}/{path}", data={"csrf_token": token, "body": text})
        if response.status_code == 303:
            expected[target] = text.strip()
            continue
        refused += 1
        assert response.status_code == 400, (text, response.status_code)
        page = response.get_data(as_text=True)
        assert any(message in page for message in TEXT_REFUSALS), text  # in Dutch, the text's own reason
    shown = _public(app)
    if path == "edit":
        assert {target: shown[target]["body"] for target in expected} == expected
        assert all(shown[target]["body"] == "Eerst." for target in set(targets) - set(expected))  # refused: unchanged
    else:
        replies = {shown[shown[target]["replies"][0]["id"]]["body"] if shown[target]["replies"] else None for target in targets}
        assert {target: shown[shown[target]["replies"][0]["id"]]["body"] for target in expected} == expected
        assert all(not shown[target]["replies"] for target in set(targets) - set(expected)) and replies
    assert [problem for comment in shown.values() for problem in disallowed(comment["body_html"])] == []
    print(f"{path}: {len(texts)} strings, {len(expected)} shown as typed, {refused} refused in Dutch, 0 disallowed")


def _approved_many(app, count: int) -> list[int]:
    with app.app_context():
        comments = [Comment(thread=THREAD, author=f"Lezer {n}", body="Eerst.", body_html="<p>Eerst.</p>", category="anders",
                            status=Status.APPROVED, created_at=NOW, updated_at=NOW) for n in range(count)]
        db.session.add_all(comments)
        bump(THREAD)
        db.session.commit()
        return [comment.id for comment in comments]


def test_an_import_renders_text_itself_and_never_trusts_stored_html(make_app, tmp_path):
    app = make_app()
    approved(app.test_client(), body="Een echte reactie.")
    result = app.test_cli_runner().invoke(args=["export", str(tmp_path / "real.json")])
    assert result.exit_code == 0, result.output
    template = json.loads((tmp_path / "real.json").read_text(encoding="utf-8"))["comments"][0]
    texts = [text for text in corpus() if _accepted_body(text)]  # a refused text refuses the whole file (test_backup)
    first = template["id"] + 1  # ids are never reused: the real comment's id depends on the tests before
    rows = [{**template, "id": first + number, "author": f"Lezer {number}", "body": text,
             "body_html": '<script>alert(1)</script><img src=x onerror="alert(2)">'} for number, text in enumerate(texts)]
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps({"format": 1, "comments": rows, "audit": []}), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", str(backup)])
    assert result.exit_code == 0, result.output
    shown = _public(app)
    assert len(shown) == len(texts) + 1
    assert [problem for comment in shown.values() for problem in disallowed(comment["body_html"])] == []
    assert {first + n: shown[first + n]["body"] for n in range(len(texts))} == {first + n: t.strip() for n, t in enumerate(texts)}
    print(f"import: {len(texts)} comments with a hostile stored HTML, all rendered anew: 0 disallowed")


def _accepted_body(text: str) -> bool:
    try:
        clean_body(text)
    except PydanticCustomError:
        return False
    return True


def _shape(html: str) -> tuple[set[tuple[str, str]], set[str]]:
    """The (tag, attribute name) pairs of a mail, each tag also with "", and its link schemes."""
    elements = Parsed(html).elements
    tags = {(tag, name) for tag, attrs in elements for name in ("", *attrs)}
    return tags, {urlsplit(attrs.get("href") or "").scheme for _, attrs in elements if "href" in attrs}


def test_the_authors_mail_shows_hostile_names_and_texts_as_text(make_app):
    app = make_app(SMTP_HOST="127.0.0.1", NOTIFY_TO="auteur@example.nl")
    thread = app.extensions["threads"][THREAD]
    with app.app_context():
        plain = Comment(thread=THREAD, author="Lezer", body="Tekst", body_html="<p>Tekst</p>", category="anders",
                        status=Status.PENDING, created_at=NOW, updated_at=NOW, email="lezer@example.nl")
        db.session.add(plain)
        db.session.flush()
        queue_new_comment(plain, thread, NOW)
        baseline = _shape(db.session.scalars(db.select(OutboxMessage)).one().html)
        hostile = [Comment(thread=THREAD, author=text[:80] or "x", body=text or "x", body_html="", category="anders",
                           status=Status.PENDING, created_at=NOW, updated_at=NOW) for text in corpus()]
        db.session.add_all(hostile)
        db.session.flush()
        for comment in hostile:
            queue_new_comment(comment, thread, NOW)
        mails = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()[1:]
        for comment, mail in zip(hostile, mails, strict=True):
            tags, schemes = _shape(mail.html)
            assert tags <= baseline[0] and schemes <= set(SCHEMES) | {""}, comment.body
        db.session.rollback()
    print(f"mail: {len(hostile)} hostile names and texts, 0 tags, attributes or schemes beyond the template's own")


def test_in_chromium_edits_and_replies_never_run(built_site, tmp_path):
    payloads = identifiable_xss()
    with served_post(built_site, tmp_path / "c.sqlite3") as (app, base), chromium() as browser:
        make_admin(app)
        admin = app.test_client()
        log_in(admin)
        token = csrf_token(admin, "/admin/")
        targets = _approved_many(app, len(payloads))
        for target, payload in zip(targets, payloads, strict=True):
            for path in ("edit", "reply"):
                assert admin.post(f"/admin/comments/{target}/{path}", data={"csrf_token": token, "body": payload}).status_code == 303
        page = open_post(browser, base)
        show_all(page)
        expect(page.locator(".comments__list .comment")).to_have_count(2 * len(payloads))
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(500)  # give any injected handler (onload, onerror, onfocus...) its chance to fire
        page.context.add_cookies(admin_cookies(admin, base))
        page.goto(base + "/admin/?status=approved", wait_until="networkidle")
        expect(page.locator("article.card").first).to_be_visible()
        page.wait_for_timeout(500)
        print(f"chromium: {len(payloads)} identifiable payloads as edits and as replies, on the post and in the admin: "
              f"{len(page.dialogs)} dialogs")
        assert page.dialogs == []


def admin_cookies(client, base: str) -> list[dict]:
    """The test client's admin session, for the browser."""
    cookie = client.get_cookie("session", path="/admin")
    return [{"name": cookie.key, "value": cookie.value, "url": base + "/admin/"}]
