"""Every response the service gives, whatever the route, method or outcome, carries the security headers."""

from __future__ import annotations

import re

from tests.support.admin import log_in, make_admin
from tests.support.comments import COMMENTS_URL, THREAD, VALID, approved

REQUIRED = ("X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Content-Security-Policy")


def _concrete(rule: str, comment_id: int) -> str:
    return re.sub(r"<[^>]+>", lambda m: THREAD if "thread" in m.group(0) else
                  ("approve" if "action" in m.group(0) else ("x" if "token" in m.group(0) else str(comment_id))), rule)


def test_every_route_method_and_outcome_carries_them(make_sqlite_app):
    app = make_sqlite_app(RATELIMIT_ENABLED=True, RATELIMIT_POST="2 per minute")
    make_admin(app)
    anonymous, admin = app.test_client(), app.test_client()
    log_in(admin)
    comment_id = approved(anonymous)
    responses = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        url = _concrete(rule.rule, comment_id)
        for client in (anonymous, admin):
            for method in ("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"):
                responses.append((method, url, client.open(url, method=method)))
    etag = anonymous.get(COMMENTS_URL).headers["ETag"]
    responses.append(("GET 304", COMMENTS_URL, anonymous.get(COMMENTS_URL, headers={"If-None-Match": etag})))
    for n in range(3):  # the last one is refused by the rate limit
        responses.append((f"POST {n}", COMMENTS_URL, anonymous.post(COMMENTS_URL, json=VALID)))
    responses.append(("POST form", COMMENTS_URL, anonymous.post(COMMENTS_URL, data={"author": ""})))
    responses.append(("GET unknown", "/admin/bestaat-niet", anonymous.get("/admin/bestaat-niet")))
    responses.append(("GET data", "/api/mijn-gegevens/x", anonymous.get("/api/mijn-gegevens/x")))
    missing = [(method, url, response.status_code, name) for method, url, response in responses
               for name in REQUIRED if name not in response.headers]
    private = [(method, url, response.status_code, response.headers.get("Cache-Control"))
               for method, url, response in responses if url.startswith(("/admin", "/api/mijn-gegevens", "/api/mail/"))]
    assert len(private) > 100 and [row for row in private if row[3] != "no-store"] == []
    statuses = sorted({response.status_code for _, _, response in responses})
    assert 429 in statuses and 304 in statuses and 405 in statuses
    assert missing == []
    print(f"{len(responses)} responses over {len(list(app.url_map.iter_rules())) - 1} routes, statuses {statuses}: "
          "all with CSP, nosniff, X-Frame-Options and Referrer-Policy")
