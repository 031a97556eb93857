"""Security headers on everything the service answers itself (the static site has Netlify's)."""

from __future__ import annotations

from flask import Flask, Response, request

COMMON = [
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
]
# JSON needs nothing; the small HTML pages of the form path need their inline style and to post back.
API_HEADERS = [*COMMON, ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'")]
PAGE_HEADERS = [*COMMON, ("Content-Security-Policy",
                          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")]
# Pages with a reader's address or unpublished text (the admin, the pages behind readers' mail links): no
# browser or proxy cache may keep them.
PRIVATE_PATHS = ("/admin", "/api/mijn-gegevens", "/api/mail/")


def init_security_headers(app: Flask) -> None:
    """Add the headers to every /api and /admin response (a response with its own policy keeps its own)."""

    @app.after_request
    def _headers(response: Response) -> Response:
        if request.blueprint != "site" and "Content-Security-Policy" not in response.headers:
            response.headers.extend(PAGE_HEADERS if response.mimetype == "text/html" else API_HEADERS)
        if request.path.startswith(PRIVATE_PATHS):
            response.headers["Cache-Control"] = "no-store"
        return response
