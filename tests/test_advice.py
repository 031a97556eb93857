"""The author's advice ("Ons advies"), held by the service until published: the CLI's four commands, the API's 404
until then, scheduling by time (the clock passed in) and by the number of approved answers, the agreement figures
against hand-computed ones, the tally before and after the reveal, and the audit trail. Both databases."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from xml.etree import ElementTree

import pytest

from comments_service.domain import advice
from comments_service.domain.audit import AuditEntry
from comments_service.domain.errors import DomainError
from comments_service.domain.models import Status
from comments_service.infra.database import db
from tests.support.comments import THREAD, approved, moderate, post, store_approved

ADVICE_URL = f"/api/threads/{THREAD}/advice"
ATOM = "http://www.w3.org/2005/Atom"
TEXT = "## Eerst vragen\n\nVraag **iedereen** wat er speelt.\n\n- dan samen bellen\n- en vieren\n\n<script>x</script>"


@pytest.fixture
def cli(clocked, tmp_path):
    """Run `flask advice ...` on the clocked app; a file with the advice's text is ready."""
    app, client, now = clocked
    (tmp_path / "advies.md").write_text(TEXT, encoding="utf-8")

    def run(*args: str, ok: bool = True):
        result = app.test_cli_runner().invoke(args=["advice", *args])
        assert (result.exit_code == 0) is ok, result.output
        return result.output

    run.file = str(tmp_path / "advies.md")
    return app, client, now, run


def shown(run) -> dict:
    return json.loads(run("show", THREAD, "--json"))


def test_a_draft_stays_private_until_it_is_published(cli):
    app, client, now, run = cli
    assert "draft, recommends coachen, afspraken" in run("set", THREAD, "--option", "afspraken", "--option", "coachen",
                                                          "--file", run.file)
    hidden = client.get(ADVICE_URL)
    assert hidden.status_code == 404
    assert hidden.get_json()["error"] == {"code": "advice_not_published", "fields": {},
                                          "message": "Het advies van de redactie staat (nog) niet online."}
    for path in (f"/api/threads/{THREAD}/comments", f"/api/threads/{THREAD}/poll", f"/api/threads/{THREAD}/comments.atom"):
        assert "iedereen" not in client.get(path).get_data(as_text=True)
    assert shown(run)["state"] == "draft" and shown(run)["published_at"] is None
    run("publish", THREAD)
    published = client.get(ADVICE_URL).get_json()
    assert published["options"] == ["coachen", "afspraken"]  # in the poll's order
    assert published["body_html"] == ("<h4>Eerst vragen</h4>\n<p>Vraag <strong>iedereen</strong> wat er speelt.</p>\n"
                                      "<ul>\n<li>dan samen bellen</li>\n<li>en vieren</li>\n</ul>\n<p>&lt;script&gt;x&lt;/script&gt;</p>")
    assert published["published_at"] == "2026-11-27T09:00:00Z"
    run("withdraw", THREAD)
    assert client.get(ADVICE_URL).status_code == 404
    assert shown(run)["state"] == "withdrawn" and "iedereen" in shown(run)["body"]  # the text is kept
    with app.app_context():
        actions = list(db.session.scalars(db.select(AuditEntry.action).where(AuditEntry.comment_id.is_(None))
                                          .order_by(AuditEntry.id)))
    assert actions == ["advice-set", "advice-schedule", "advice-publish", "advice-withdraw"]


def test_scheduled_by_time_it_appears_when_the_time_has_come(cli):
    app, client, now, run = cli
    run("set", THREAD, "--option", "coachen", "--file", run.file)
    run("publish", THREAD, "--at", "2026-12-15T09:00:00+01:00")
    assert shown(run)["publish_at"] == "2026-12-15T08:00:00Z"
    now[0] = datetime(2026, 12, 15, 7, 59, 59, tzinfo=timezone.utc)
    assert client.get(ADVICE_URL).status_code == 404
    now[0] += timedelta(seconds=1)
    assert client.get(ADVICE_URL).get_json()["published_at"] == "2026-12-15T08:00:00Z"
    assert shown(run)["state"] == "published"


def test_scheduled_by_count_it_appears_with_the_answer_that_reaches_it(cli):
    app, client, now, run = cli
    run("set", THREAD, "--option", "coachen", "--file", run.file)
    run("publish", THREAD, "--after-answers", "3")
    waiting = [post(client, author=f"Lezer {n}").get_json()["id"] for n in range(3)]
    reply = post(client, author="Antwoord", category=None, parent_id=approved(client)).get_json()["id"]
    moderate(app, Status.APPROVED, reply)  # a reply carries no answer: 1 of 3
    moderate(app, Status.APPROVED, waiting[0])
    assert client.get(ADVICE_URL).status_code == 404 and shown(run)["state"] == "scheduled"
    moderate(app, Status.APPROVED, waiting[1])  # the third approved answer
    assert shown(run)["state"] == "published"
    assert client.get(ADVICE_URL).get_json()["agreement"]["total"] == 3


@pytest.mark.parametrize(("answers", "recommended", "count", "total", "percent"), [
    ({"voorbeeld": 3, "coachen": 2, "afspraken": 1, "anders": 1}, ["coachen", "afspraken"], 3, 7, 43),  # 42.86
    ({"coachen": 2, "voorbeeld": 1}, ["coachen"], 2, 3, 67),  # 66.67
    ({"coachen": 1, "voorbeeld": 7}, ["coachen"], 1, 8, 13),  # 12.5: halves up
    ({"voorbeeld": 4}, ["coachen"], 0, 4, 0),
    ({}, ["coachen"], 0, 0, 0),
])
def test_the_agreement_figures(cli, answers, recommended, count, total, percent):
    app, client, now, run = cli
    for option, number in answers.items():
        store_approved(app, number, [option])
    run("set", THREAD, *[arg for option in recommended for arg in ("--option", option)], "--file", run.file)
    run("publish", THREAD)
    assert client.get(ADVICE_URL).get_json()["agreement"] == {"count": count, "total": total, "percent": percent}
    assert shown(run)["agreement"] == {"count": count, "total": total, "percent": percent}


def test_the_tally_is_kept_apart_before_and_after_the_reveal(cli):
    app, client, now, run = cli
    store_approved(app, 6, ["voorbeeld", "coachen"])  # 1 March 2026, 09:00 to 09:05
    now[0] = datetime(2026, 3, 1, 9, 4, tzinfo=timezone.utc)
    run("set", THREAD, "--option", "coachen", "--file", run.file)
    run("publish", THREAD)
    answer = client.get(ADVICE_URL).get_json()
    before = {option["id"]: option["count"] for option in answer["before"]["options"] if option["count"]}
    after = {option["id"]: option["count"] for option in answer["after"]["options"] if option["count"]}
    assert (before, answer["before"]["total"]) == ({"voorbeeld": 2, "coachen": 2}, 4)  # written 09:00 to 09:03
    assert (after, answer["after"]["total"]) == ({"voorbeeld": 1, "coachen": 1}, 2)  # 09:04 and 09:05
    assert [option["percent"] for option in answer["after"]["options"]][:2] == [50, 50]
    assert answer["agreement"] == {"count": 3, "total": 6, "percent": 50}


@pytest.mark.parametrize(("args", "message"), [
    (["set", THREAD, "--option", "bellen", "--file", "{file}"], "Kies een of meer aanpakken uit de peiling"),
    (["set", "bestaat-niet", "--option", "coachen", "--file", "{file}"], "no post with comments has the slug"),
    (["publish", THREAD], "Er is nog geen advies voor deze blog"),
    (["withdraw", THREAD], "Het advies staat niet online en is niet gepland."),
    (["publish", THREAD, "--at", "2026-12-15T09:00:00"], "give the time zone too"),
    (["publish", THREAD, "--at", "morgen"], "an ISO 8601 time"),
    (["publish", THREAD, "--at", "2026-12-15T09:00:00Z", "--after-answers", "3"], "choose --at or --after-answers"),
    (["publish", THREAD, "--after-answers", "0"], "--after-answers"),
    (["show", THREAD], "has no advice yet"),
])
def test_the_commands_refuse_clearly_and_change_nothing(cli, args, message):
    app, client, now, run = cli
    output = run(*[arg.format(file=run.file) for arg in args], ok=False)
    assert message in output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)) == 0


@pytest.mark.parametrize("after", [0, -1])
def test_the_domain_itself_refuses_a_count_below_one(cli, after):
    """The CLI and the admin form check the count first; the rule holds for any other caller too."""
    app, client, now, run = cli
    run("set", THREAD, "--option", "coachen", "--file", run.file)
    with app.app_context():
        thread = app.extensions["threads"][THREAD]
        with pytest.raises(DomainError) as refused:
            advice.schedule(thread, "test", now[0], after=after)
        assert (refused.value.code, refused.value.message) == ("invalid_schedule", "Het aantal reacties moet minstens 1 zijn.")
        db.session.rollback()
    assert shown(run)["state"] == "draft"


def test_the_feed_gets_an_entry_for_the_advice_in_its_place(cli):
    app, client, now, run = cli
    store_approved(app, 3, ["coachen"])  # 1 March 2026, 09:00 to 09:02
    now[0] = datetime(2026, 3, 1, 9, 1, 30, tzinfo=timezone.utc)
    run("set", THREAD, "--option", "coachen", "--option", "anders", "--file", run.file)
    run("publish", THREAD)
    feed = ElementTree.fromstring(client.get(f"/api/threads/{THREAD}/comments.atom").get_data())
    assert feed.findtext(f"{{{ATOM}}}updated") == "2026-03-01T09:02:00Z"  # the newest of the comments and the advice
    entries = feed.findall(f"{{{ATOM}}}entry")
    titles = [entry.findtext(f"{{{ATOM}}}title") for entry in entries]
    assert titles == ["Lezer 2: Coachen", "Ons advies: Coachen, Iets anders", "Lezer 1: Coachen", "Lezer 0: Coachen"]
    advice_entry, advice_url = entries[1], "http://127.0.0.1:8000/blog/leiden-of-lijden/#ons-advies"
    assert [(child.tag.removeprefix(f"{{{ATOM}}}"), child.attrib) for child in advice_entry] == [
        ("id", {}), ("title", {}), ("link", {"rel": "alternate", "type": "text/html", "href": advice_url}),
        ("published", {}), ("updated", {}), ("author", {}), ("content", {"type": "html"})]
    assert advice_entry.findtext(f"{{{ATOM}}}id") == advice_url
    assert advice_entry.findtext(f"{{{ATOM}}}published") == advice_entry.findtext(f"{{{ATOM}}}updated") == "2026-03-01T09:01:30Z"
    assert advice_entry.findtext(f"{{{ATOM}}}author/{{{ATOM}}}name") == "De redactie"
    assert "<strong>iedereen</strong>" in advice_entry.findtext(f"{{{ATOM}}}content")
    run("withdraw", THREAD)
    assert "Ons advies" not in client.get(f"/api/threads/{THREAD}/comments.atom").get_data(as_text=True)


def test_an_advice_older_than_every_comment_is_the_feeds_last_entry(cli):
    app, client, now, run = cli
    now[0] = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
    run("set", THREAD, "--option", "coachen", "--file", run.file)
    run("publish", THREAD)
    alone = ElementTree.fromstring(client.get(f"/api/threads/{THREAD}/comments.atom").get_data())
    assert alone.findtext(f"{{{ATOM}}}updated") == "2026-03-01T08:00:00Z"
    store_approved(app, 2, ["coachen"])  # 09:00 and 09:01
    feed = ElementTree.fromstring(client.get(f"/api/threads/{THREAD}/comments.atom").get_data())
    titles = [entry.findtext(f"{{{ATOM}}}title") for entry in feed.findall(f"{{{ATOM}}}entry")]
    assert titles == ["Lezer 1: Coachen", "Lezer 0: Coachen", "Ons advies: Coachen"]
    assert feed.findall(f"{{{ATOM}}}entry")[-1].findtext(f"{{{ATOM}}}id") == (
        "http://127.0.0.1:8000/blog/leiden-of-lijden/#ons-advies")
