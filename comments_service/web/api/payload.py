"""Reading a request body: JSON or a form, nothing else, with the envelope's errors."""

from __future__ import annotations

import json
from typing import Any

from flask import request
from werkzeug.exceptions import UnsupportedMediaType

from comments_service.web.errors import FORM_TYPES, ApiError

INVALID_JSON = "De gegevens konden niet worden gelezen: dit is geen geldige JSON."


def is_form_post() -> bool:
    """Whether this request is a browser form post (the no-JavaScript path)."""
    return request.mimetype in FORM_TYPES


def read_payload() -> dict[str, Any] | Any:
    """The posted fields: a decoded JSON value, or the form's fields as a dict."""
    if is_form_post():
        return request.form.to_dict()
    if request.mimetype == "application/json" or request.mimetype.endswith("+json"):
        try:
            return json.loads(request.get_data(cache=False))
        except (ValueError, RecursionError):
            raise ApiError(400, "invalid_json", INVALID_JSON) from None
    raise UnsupportedMediaType()
