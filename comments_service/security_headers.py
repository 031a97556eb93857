"""Security headers on everything the service answers itself (the static site has Netlify's)."""

from __future__ import annotations

from flask import Flask, Response, request

COMMON = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
# JSON needs nothing; the small HTML pages of the form path need their inline style and to post back.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"


def init_security_headers(app: Flask) -> None:
    """Add the headers to every /api and /admin response."""

    @app.after_request
    def _headers(response: Response) -> Response:
        if request.blueprint == "site":
            return response
        for name, value in COMMON.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Content-Security-Policy", PAGE_CSP if response.mimetype == "text/html" else API_CSP)
        return response
