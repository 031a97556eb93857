"""The no-JavaScript path's error page: the errors beside the refilled form, which posts again."""

from __future__ import annotations

from flask import Response, current_app, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from comments_service.web.api.return_to import safe_return_path
from comments_service.web.errors import FORM_TYPES, ApiError


def form_error_page(error: ApiError) -> Response | None:
    """A small Dutch page for a form post that was refused (400, 403, 404, 413 or 429); None for JSON."""
    if request.method != "POST" or request.mimetype not in FORM_TYPES:
        return None
    thread = current_app.extensions["threads"].get((request.view_args or {}).get("thread", ""))
    fields = _posted_fields()
    back = safe_return_path(fields.get("return_to"), thread.path if thread else "/")
    html = render_template("form_error.html", error=error, thread=thread, fields=fields, back=back)
    return make_response(html)


def _posted_fields() -> dict[str, str]:
    # The form may be the very thing that failed (too large, unreadable): then refill nothing.
    try:
        return request.form.to_dict()
    except (HTTPException, ValueError):
        return {}


def admin_error_page(error: ApiError) -> Response:
    """The admin's Dutch error page."""
    return make_response(render_template("admin/error.html", error=error))
