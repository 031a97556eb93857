"""The public JSON API under /api."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")

from comments_service.web.api import (  # noqa: E402,F401  (routes register on bp)
    advice,
    comments,
    conversation_page,
    meta,
    poll,
    reader,
)
