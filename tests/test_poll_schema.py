"""The poll block: one schema, used by the site build and the service."""

from __future__ import annotations

import shutil

import pytest

from comments_service.domain.poll import PollError, parse_poll
from comments_service.domain.threads import load_threads
from tests.support.site import ROOT, mkdocs_build

POST = "docs/blog/posts/leiden-of-lijden.md"


def options(*ids):
    return [{"id": option_id, "label": f"Optie {option_id}"} for option_id in ids]


def test_the_post_declares_its_thread_and_poll():
    thread = load_threads(ROOT / "docs")["leiden-of-lijden"]
    assert thread.poll.question == "Hoe zou jij dat als leidinggevende aanpakken?"
    assert thread.poll.option_ids == (
        "voorbeeld", "coachen", "afspraken", "klein-beginnen", "anders-organiseren", "anders",
    )
    assert thread.path == "/blog/leiden-of-lijden/"
    assert thread.poll.closed is False


def test_labels_are_trimmed_and_closed_is_optional():
    poll = parse_poll({"question": " Vraag? ", "options": options("a", "b"), "closed": True}, "post.md")
    assert poll.question == "Vraag?" and poll.closed is True


def test_each_option_has_a_short_public_name():
    thread = load_threads(ROOT / "docs")["leiden-of-lijden"]
    assert thread.poll.short("anders") == "Iets anders"
    assert all(len(option.short) <= 40 for option in thread.poll.options)
    poll = parse_poll({"question": "V?", "options": [{"id": "a", "label": "Ja", "short": " Ja! "}, *options("b")]}, "x.md")
    assert (poll.short("a"), poll.short("b")) == ("Ja!", "Optie b")  # trimmed; a short label is its own short one


LONG = "Een label dat langer is dan veertig tekens, met uitleg"


@pytest.mark.parametrize(
    ("block", "message"),
    [
        (None, "needs a 'poll' block"),
        ({"question": "V?", "options": [{"id": "a", "label": LONG}, *options("b")]},
         "a label over 40 characters needs a short one ('short:')"),
        ({"question": "V?", "options": [{"id": "a", "label": "x", "short": LONG}, *options("b")]}, "options.0.short"),
        ({"question": "V?", "options": [{"id": "a", "label": "x", "short": " "}, *options("b")]}, "options.0.short"),
        ({"options": options("a", "b")}, "question: Field required"),
        ({"question": "V?", "options": options("a")}, "options: Value error, a poll needs 2 to 12 options, this one has 1"),
        ({"question": "V?", "options": options(*"abcdefghijklm")}, "this one has 13"),
        ({"question": "V?", "options": options("a", "a")}, "option id 'a' is declared twice"),
        ({"question": "V?", "options": [{"id": "a", "label": " "}, *options("b")]}, "options.0.label"),
        ({"question": "V?", "options": [{"id": "één", "label": "x"}, *options("b")]}, "options.0.id"),
        ({"question": "V?", "options": [{"id": "A B", "label": "x"}, *options("b")]}, "options.0.id"),
        ({"question": "V?", "options": [{"label": "x"}, *options("b")]}, "options.0.id: Field required"),
        ({"question": "V?", "options": options("a", "b"), "closed": "soms"}, "closed"),
        ({"question": "V?", "options": options("a", "b"), "colour": "red"}, "colour: Extra inputs"),
        ({"question": "V?", "options": "a, b"}, "options"),
        ("a poll", "poll"),
    ],
)
def test_a_broken_block_is_refused_with_a_clear_message(block, message):
    with pytest.raises(PollError) as caught:
        parse_poll(block, "blog/posts/x.md")
    assert "blog/posts/x.md" in str(caught.value)
    assert message in str(caught.value)


@pytest.fixture
def project_copy(tmp_path):
    for part in ("mkdocs.yml", "docs", "overrides", "hooks"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / part)
    return tmp_path


def test_a_broken_block_fails_the_build(project_copy):
    post = project_copy / POST
    post.write_text(post.read_text(encoding="utf-8").replace("id: coachen", "id: voorbeeld"), encoding="utf-8")
    result = mkdocs_build(project_copy / "site", project_copy / "mkdocs.yml")
    assert result.returncode != 0
    assert "invalid poll block: options: Value error, option id 'voorbeeld' is declared twice" in result.stderr


def test_a_broken_block_fails_loading_the_threads(project_copy):
    post = project_copy / POST
    post.write_text(post.read_text(encoding="utf-8").replace("question:", "vraag:"), encoding="utf-8")
    with pytest.raises(PollError, match="question: Field required"):
        load_threads(project_copy / "docs")


def test_a_closed_poll_shows_its_results_and_no_form(project_copy):
    post = project_copy / POST
    post.write_text(post.read_text(encoding="utf-8").replace("  options:\n", "  closed: true\n  options:\n", 1), encoding="utf-8")
    result = mkdocs_build(project_copy / "site", project_copy / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    html = (project_copy / "site" / "blog" / "leiden-of-lijden" / "index.html").read_text(encoding="utf-8")
    assert "Deze peiling is gesloten" in html and "data-poll" in html
    section = html.split('id="__comments"')[1]
    assert 'method="post"' not in section and 'name="category"' not in section  # replies stay possible
