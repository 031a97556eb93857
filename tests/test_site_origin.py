"""The post page loads nothing from another host: no fonts, CDN, analytics or images elsewhere."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from tests.support.browser import chromium
from tests.support.site import serve_folder

POST = "/blog/leiden-of-lijden/"
# What a page loads: scripts, stylesheets, icons, images, media, frames, fonts and preloads.
LOADED = re.compile(
    r"<(?:script|img|source|iframe|audio|video|embed)\b[^>]*\bsrc=\"([^\"]+)\""
    r"|<link\b(?=[^>]*\brel=\"(?:stylesheet|icon|preload|modulepreload|manifest|preconnect|dns-prefetch)\")[^>]*\bhref=\"([^\"]+)\"",
)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


def foreign(base: str, urls) -> list[str]:
    """The URLs, resolved against base, that point at another host (data: URIs are local)."""
    host = urlsplit(base).netloc
    resolved = (urljoin(base, url) for url in urls if not url.startswith("data:"))
    return [url for url in resolved if urlsplit(url).netloc != host]


@pytest.fixture(scope="module")
def site_url(built_site):
    with serve_folder(built_site) as url:
        yield url


def test_the_page_markup_loads_only_this_origin(built_site, site_url):
    html = (built_site / "blog/leiden-of-lijden/index.html").read_text(encoding="utf-8")
    urls = [a or b for a, b in LOADED.findall(html)]
    assert urls, "the pattern found nothing to check"
    assert foreign(site_url + POST, urls) == []


def test_stylesheets_reference_only_this_origin(built_site, site_url):
    sheets = list(built_site.glob("assets/stylesheets/*.css"))
    assert len(sheets) >= 3
    for sheet in sheets:
        base = f"{site_url}/assets/stylesheets/{sheet.name}"
        assert foreign(base, CSS_URL.findall(sheet.read_text(encoding="utf-8"))) == [], sheet.name


def test_chromium_requests_nothing_from_another_host(site_url):
    requested: list[str] = []
    with chromium() as browser:
        for scheme in ("light", "dark"):
            page = browser.new_page(color_scheme=scheme)
            page.on("request", lambda request: requested.append(request.url))
            page.goto(site_url + POST, wait_until="networkidle")
            page.close()
    assert any(url.endswith(".css") for url in requested)
    assert foreign(site_url, requested) == []
