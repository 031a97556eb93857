"""The Atom feed of a thread's approved comments: valid Atom to a real parser, matching the API."""

from __future__ import annotations

from xml.etree import ElementTree

import feedparser

from comments_service.domain.models import Comment, Status
from comments_service.domain.versions import bump
from comments_service.infra.database import db
from tests.support.admin import act, log_in, make_admin
from tests.support.comments import COMMENTS_URL, THREAD, approved, moderate, post, store_raw

FEED_URL = f"/api/threads/{THREAD}/comments.atom"


def test_the_feed_parses_and_matches_the_approved_comments(make_app):
    app = make_app(PUBLIC_URL="https://blog.example")
    make_admin(app)
    client, admin = app.test_client(), app.test_client()
    log_in(admin)
    parent = approved(client, author="Joost & co", body="Zelf **meebellen** <script>alert(1)</script>")
    approved(client, author="Anna", category=None, parent_id=parent, body="Eens!")
    act(admin, f"/admin/comments/{parent}/reply", body="Dank je, Joost.")
    moderate(app, Status.REJECTED, post(client, author="Afgewezen").get_json()["id"])
    post(client, author="Wachtend")
    response = client.get(FEED_URL)
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.title.startswith("Reacties op")
    listed = client.get(COMMENTS_URL).get_json()
    public = {c["id"]: c for top in listed for c in (top, *top["replies"])}
    entries = {int(entry.id.rsplit("-", 1)[1]): entry for entry in feed.entries}
    assert set(entries) == set(public)
    for comment_id, entry in entries.items():
        assert entry.author == public[comment_id]["author"]
        assert entry.link == f"https://blog.example/blog/leiden-of-lijden/#reactie-{comment_id}"
        assert entry.content[0].value == public[comment_id]["body_html"]
    assert "<script" not in response.get_data(as_text=True)
    etag = response.headers["ETag"]
    assert client.get(FEED_URL, headers={"If-None-Match": etag}).status_code == 304
    print(f"Atom feed: {len(entries)} entries, valid to feedparser, the same comments as the API")


def test_the_post_links_the_feed_in_its_head(built_site):
    html = (built_site / "blog" / "leiden-of-lijden" / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    assert f'<link rel="alternate feed" type="application/atom+xml" title="Reacties op Leiden of lijden" href="{FEED_URL}">' in head


def test_rows_stored_before_the_edge_refused_non_characters_keep_the_feed_well_formed(app):
    client = app.test_client()
    comment_id = approved(client, author="Jan", body="Goed")
    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        comment.author, comment.body_html = "Jan\ufffe\uffff\x0bx\ud7ff", "<p>Goed\ufffe\x01</p>"
        bump(THREAD)
        db.session.commit()
    response = client.get(FEED_URL)
    ElementTree.fromstring(response.data)  # well-formed XML
    feed = feedparser.parse(response.data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.entries[0].author == "Janx\ud7ff" and feed.entries[0].content[0].value == "<p>Goed</p>"


def test_the_feed_never_holds_a_reply_that_is_not_approved_nor_another_posts_answer(app):
    client = app.test_client()
    store_raw(app, "coachen", 1, thread="ander-bericht")
    parent = approved(client, author="Ouder", body="Zichtbaar")
    replies = {status: post(client, author=f"Antwoord {status.value}", category=None, parent_id=parent,
                            body=f"Tekst {status.value}").get_json()["id"] for status in Status}
    for status, reply_id in replies.items():
        if status != Status.PENDING:
            moderate(app, status, reply_id)
    feed = feedparser.parse(client.get(FEED_URL).data)
    assert sorted(entry.author for entry in feed.entries) == ["Antwoord approved", "Ouder"]
    text = client.get(FEED_URL).get_data(as_text=True)
    assert all(f"Tekst {status.value}" not in text for status in Status if status != Status.APPROVED)


def test_the_feed_describes_itself_and_each_entry_exactly(make_app):
    """The feed's own elements, written out here: id, title, subtitle, both links, updated, author; and an
    entry's id, title (with the approach's label, or 'Antwoord van' for a reply), link, dates, category."""
    app = make_app(PUBLIC_URL="https://blog.example/")
    client = app.test_client()
    empty = feedparser.parse(client.get(FEED_URL).data).feed
    assert empty.updated == "1970-01-01T00:00:00Z"
    parent = approved(client, author="Joost", category="voorbeeld", body="Zelf meebellen")
    reply = approved(client, author="Anna", category=None, parent_id=parent, body="Eens!")
    with app.app_context():
        created = {c.id: c.created_at.strftime("%Y-%m-%dT%H:%M:%SZ") for c in db.session.scalars(db.select(Comment))}
    parsed = feedparser.parse(client.get(FEED_URL).data)
    post_url = "https://blog.example/blog/leiden-of-lijden/"
    feed = parsed.feed
    assert (feed.id, feed.title, feed.subtitle, feed.language, feed.author) == (
        f"{post_url}#__comments", "Reacties op “Leiden of lijden”", "Hoe zou jij dat als leidinggevende aanpakken?",
        "nl", "Lezers van de blog")
    assert [(link.rel, link.type, link.href) for link in feed.links] == [
        ("alternate", "text/html", f"{post_url}#__comments"),
        ("self", "application/atom+xml", f"https://blog.example/api/threads/{THREAD}/comments.atom")]
    assert feed.updated == max(created.values())
    label = _label(client)
    entries = {int(entry.id.rsplit("-", 1)[1]): entry for entry in parsed.entries}
    assert entries[parent].title == f"Joost: {label}" and entries[reply].title == "Antwoord van Anna"
    assert [(tag.term, tag.label) for tag in entries[parent].tags] == [("voorbeeld", label)]
    assert "tags" not in entries[reply]
    for comment_id, entry in entries.items():
        assert (entry.id, entry.link) == (f"{post_url}#reactie-{comment_id}", f"{post_url}#reactie-{comment_id}")
        assert entry.published == entry.updated == created[comment_id]
        assert entry.content[0].type == "text/html"


def _exact(element: ElementTree.Element) -> list[tuple[str, dict[str, str]]]:
    """The element's children as written: tag without the Atom namespace, attributes (case kept)."""
    return [(child.tag.removeprefix("{http://www.w3.org/2005/Atom}"), dict(child.attrib)) for child in element]


def test_the_feed_is_written_exactly_and_newest_first(app):
    """Read with ElementTree, which keeps the case that feedparser folds: element and attribute names and
    values are Atom's own; entries are newest first, an edit counting as new."""
    client = app.test_client()
    first, second = approved(client, body="Eerste"), approved(client, body="Tweede")
    raw = client.get(FEED_URL).data
    assert raw.startswith(b"<?xml version='1.0' encoding='utf-8'?>") and "“Leiden of lijden”".encode() in raw
    feed = ElementTree.fromstring(raw)
    assert [_exact(author) for author in feed.iter("{http://www.w3.org/2005/Atom}author")] == [[("name", {})]] * 3
    post_url = "http://127.0.0.1:8000/blog/leiden-of-lijden/"
    assert _exact(feed)[:7] == [
        ("id", {}), ("title", {}), ("subtitle", {}),
        ("link", {"rel": "alternate", "type": "text/html", "href": f"{post_url}#__comments"}),
        ("link", {"rel": "self", "type": "application/atom+xml",
                  "href": f"http://127.0.0.1:8000/api/threads/{THREAD}/comments.atom"}),
        ("updated", {}), ("author", {})]
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert [entry.findtext("{http://www.w3.org/2005/Atom}id") for entry in entries] == [
        f"{post_url}#reactie-{second}", f"{post_url}#reactie-{first}"]
    assert _exact(entries[0]) == [("id", {}), ("title", {}), ("link", {"rel": "alternate", "type": "text/html",
                                  "href": f"{post_url}#reactie-{second}"}), ("published", {}), ("updated", {}),
                                  ("author", {}), ("category", {"term": "voorbeeld", "label": _label(client)}),
                                  ("content", {"type": "html"})]
    make_admin(app)
    admin = app.test_client()
    log_in(admin)
    act(admin, f"/admin/comments/{first}/edit", body="Eerste, verbeterd")
    edited = ElementTree.fromstring(client.get(FEED_URL).data).findall("{http://www.w3.org/2005/Atom}entry")
    assert [entry.findtext("{http://www.w3.org/2005/Atom}id") for entry in edited] == [
        f"{post_url}#reactie-{first}", f"{post_url}#reactie-{second}"]


def _label(client) -> str:
    """The option's short public name, as the feed says it."""
    return next(option["short"] for option in client.get(f"/api/threads/{THREAD}/poll").get_json()["options"]
                if option["id"] == "voorbeeld")
