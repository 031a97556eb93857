"""The form's return path and the admin's next path never send a browser to another host: every trick
is resolved by Chromium's own URL parser against the service's origin."""

from __future__ import annotations

import itertools
from urllib.parse import quote

from tests.support.admin import csrf_token, log_in, make_admin
from tests.support.browser import chromium
from tests.support.comments import COMMENTS_URL, VALID

ORIGIN = "https://blog.example"
HOSTS = ["evil.example", "evil.example@blog.example", "blog.example.evil.example", "127.0.0.1", "[::1]", "0x7f.1"]
SHAPES = ["//{h}", "/\\{h}", "\\\\{h}", "\\/{h}", "/\\/{h}", "///{h}", "////{h}", "https://{h}", "http:{h}", "https:/{h}",
          "//{h}/blog/leiden-of-lijden/", " //{h}", "\t//{h}", "/\t/{h}", "/\n/{h}", "/%09/{h}", "%2F%2F{h}", "/%2F{h}",
          "/%5C{h}", "%5C%5C{h}", "%252F%252F{h}", "/%252F%252F{h}", "/.//{h}", "/..//{h}", "//{h}%2F..", "/%2e%2e//{h}",
          "\u3002{h}", "//{h}\u3002", "／／{h}", "javascript://{h}/%0aalert(1)", "JaVaScRiPt:alert(1)//{h}",
          "data:text/html,<a href=//{h}>", "vbscript:msgbox//{h}", "{h}", "@{h}", ":@{h}", "/@{h}"]


def tricks() -> list[str]:
    plain = [shape.format(h=host) for shape, host in itertools.product(SHAPES, HOSTS)]
    return plain + [quote(trick, safe="") for trick in plain[::3]]


def test_no_return_path_leads_to_another_host(make_sqlite_app):
    app = make_sqlite_app()
    make_admin(app)
    reader, admin = app.test_client(), app.test_client()
    comment_id = reader.post(COMMENTS_URL, json=VALID).get_json()["id"]
    assert log_in(admin).status_code == 303
    token = csrf_token(admin, "/admin/")
    locations = []
    for trick in tricks():
        response = reader.post(COMMENTS_URL, data={**VALID, "return_to": trick})
        assert response.status_code == 303, trick
        locations.append(response.headers["Location"])
        response = admin.post(f"/admin/comments/{comment_id}/approve", data={"csrf_token": token, "next": trick})
        assert response.status_code == 303, trick
        locations.append(response.headers["Location"])
    with chromium() as browser:
        page = browser.new_page()
        hosts = page.evaluate("([origin, locations]) => locations.map(l => new URL(l, origin + '/api/x').host)",
                              [ORIGIN, locations])
    foreign = {location for location, host in zip(locations, hosts, strict=True) if host != "blog.example"}
    assert foreign == set()
    print(f"{len(tricks())} tricks through 2 paths: {len(locations)} redirects, 0 to another host")
