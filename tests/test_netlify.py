"""netlify.toml, exercised with the real Netlify CLI offline: rules kept, proxy, headers, caching."""

from __future__ import annotations

import tomllib
import urllib.error
import urllib.request

import pytest

from tests.support.browser import chromium
from tests.support.netlify import (
    copy_project,
    netlify_build,
    netlify_serve,
    parsed_rules,
)
from tests.support.site import ROOT
from tests.support.stub_server import stub_server

CONFIG = ROOT / "netlify.toml"
DECLARED = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy")


def fetch(url: str):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_netlify_keeps_every_declared_rule():
    rules = parsed_rules(CONFIG)
    assert rules["errors"] == []
    assert len(rules["redirects"]) == len(DECLARED["redirects"]) == 2
    assert [rule["for"] for rule in rules["headers"]] == [rule["for"] for rule in DECLARED["headers"]]


def test_api_and_admin_are_proxied_to_one_service_origin():
    redirects = {rule["from"]: rule for rule in parsed_rules(CONFIG)["redirects"]}
    assert set(redirects) == {"/api/*", "/admin/*"}
    origins = {rule["to"].rsplit("/", 2)[0] for rule in redirects.values()}
    assert len(origins) == 1 and origins.pop().startswith("https://")
    assert all(rule["status"] == 200 and rule["force"] is True for rule in redirects.values())


def test_build_settings_match_make_build():
    assert DECLARED["build"]["command"] == "make build"
    assert DECLARED["build"]["publish"] == "site"
    assert DECLARED["build"]["environment"]["PYTHON_VERSION"] == "3.11"


def test_only_content_hashed_assets_are_cached_for_good(built_site):
    hashed = [f"/{p.relative_to(built_site).as_posix()}" for p in built_site.glob("assets/*/**/*.min.*") if "." in p.stem]
    hashed = [path for path in hashed if not path.endswith(".map") and "/lunr/" not in path]
    unhashed = ["/assets/stylesheets/site.css", "/blog/leiden-of-lijden/", "/", "/assets/javascripts/lunr/min/lunr.nl.min.js"]
    assert len(hashed) >= 4
    headers = parsed_rules(CONFIG, *hashed, *unhashed)["paths"]
    for path in hashed:
        assert headers[path]["Cache-Control"] == "public, max-age=31536000, immutable", path
    for path in unhashed:
        assert "Cache-Control" not in headers[path], path


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with stub_server() as (service_url, received):
        project = copy_project(tmp_path_factory.mktemp("netlify"), service_url)
        with netlify_serve(project) as (site_url, log):
            yield site_url, received, log


@pytest.mark.parametrize("path", ["/api/threads/leiden-of-lijden/poll?x=1", "/admin/login"])
def test_the_proxy_reaches_the_service(served, path):
    site_url, received, _ = served
    status, _, body = fetch(site_url + path)
    assert (status, body) == (200, b'{"stub": true}')
    assert path in received


@pytest.mark.parametrize("path", ["/blog/leiden-of-lijden/", "/", "/assets/stylesheets/site.css"])
def test_static_pages_carry_the_security_headers(served, path):
    status, headers, _ = fetch(served[0] + path)
    assert status == 200
    for name in SECURITY_HEADERS:
        assert headers[name], name
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'sha256-" in script_src


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_policy_lets_materials_scripts_run_and_nothing_breaks(served, scheme):
    problems: list[str] = []
    with chromium() as browser:
        page = browser.new_page(color_scheme=scheme)
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(served[0] + "/blog/leiden-of-lijden/", wait_until="networkidle")
        palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert problems == []
    assert palette == ("slate" if scheme == "dark" else "default")


def test_an_unknown_page_gets_the_dutch_404(served):
    status, _, body = fetch(served[0] + "/bestaat-niet/")
    assert status == 404
    assert "Pagina niet gevonden" in body.decode()


def test_the_served_build_printed_no_rule_warnings(served):
    log = served[2].read_text(errors="replace")
    assert "Build Complete" in log
    assert "Redirects syntax errors" not in log and "Headers syntax errors" not in log


def test_netlify_build_offline_builds_the_site(tmp_path):
    with stub_server() as (service_url, _):
        project = copy_project(tmp_path, service_url)
    result = netlify_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "blog" / "leiden-of-lijden" / "index.html").is_file()
