"""The post as a reader gets it: the original text, verbatim, in a Dutch page."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from tests.support.corpora import SHARED
from tests.support.html_parse import html_text, normalise
from tests.support.site import mkdocs_build

SOURCE = SHARED / "content" / "leiden-of-lijden.txt"
TITLE, *PARAGRAPHS = [normalise(block) for block in SOURCE.read_text(encoding="utf-8").split("\n\n") if block.strip()]


@pytest.fixture(scope="module")
def post_html(built_site) -> str:
    return (built_site / "blog" / "leiden-of-lijden" / "index.html").read_text(encoding="utf-8")


def test_strict_build_prints_no_warning(tmp_path):
    result = mkdocs_build(tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_source_text_is_what_we_think():
    assert TITLE == "Leiden of lijden"
    assert len(PARAGRAPHS) == 9
    assert "potentiële" in PARAGRAPHS[1]


@pytest.mark.parametrize("index", range(len(PARAGRAPHS)))
def test_every_paragraph_appears_verbatim(post_html, index):
    assert PARAGRAPHS[index] in html_text(post_html)


def test_title_is_the_heading(post_html):
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", post_html, re.DOTALL)
    assert [html_text(h) for h in headings] == [TITLE]


def test_page_is_dutch(post_html):
    assert re.search(r'<html[^>]*\blang="nl"', post_html)


def test_interlude_and_closing_question_stand_out(post_html):
    assert re.search(r'<p class="interlude">En nu\?</p>', post_html)
    assert re.search(r'<p class="closing-question">Hoe zou jij dat als leidinggevende aanpakken\?</p>', post_html)


def test_last_sentence_links_to_the_comments(post_html):
    assert '<a href="#__comments">We horen het graag in de reactie onder deze blog.</a>' in post_html
    assert 'id="__comments"' in post_html


def test_description_for_search_engines(post_html):
    match = re.search(r'<meta name="description" content="([^"]+)"', post_html)
    assert match and "leidinggevende" in match.group(1)


@pytest.mark.parametrize("page", ["index.html", "blog/index.html"])
def test_home_and_blog_index_lead_to_the_post(built_site, page):
    html = (built_site / page).read_text(encoding="utf-8")
    base = "http://site/" + page
    targets = {urljoin(base, href) for href in re.findall(r'href="([^"#]+)"', html)}
    assert "http://site/blog/leiden-of-lijden/" in targets


def test_post_url_does_not_depend_on_the_date(built_site):
    assert (built_site / "blog" / "leiden-of-lijden" / "index.html").is_file()
    assert not list(built_site.glob("blog/20*"))


@pytest.mark.parametrize("feed", ["feed_rss_created.xml", "sitemap.xml"])
def test_feed_and_sitemap_list_the_post(built_site, feed):
    assert "/blog/leiden-of-lijden/" in (built_site / feed).read_text(encoding="utf-8")


def test_not_found_page_is_dutch(built_site):
    assert "Pagina niet gevonden" in html_text((built_site / "404.html").read_text(encoding="utf-8"))
