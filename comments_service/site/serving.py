"""Serves the built static site, so one local process answers the site, /api and /admin."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, redirect, send_from_directory
from werkzeug.exceptions import NotFound

bp = Blueprint("site", __name__)
SERVICE_PREFIXES = frozenset({"api", "admin"})


@bp.get("/", defaults={"path": ""})
@bp.get("/<path:path>")
def static_page(path: str):
    """A file of the built site; a folder gets its index.html; anything else the site's 404 page."""
    if path.split("/", 1)[0] in SERVICE_PREFIXES:
        raise NotFound()  # an unknown API or admin URL gets the JSON envelope, not the site's page
    root = Path(current_app.config["SITE_DIR"])
    if path == "" or path.endswith("/"):
        path += "index.html"
    try:
        return send_from_directory(root, path, max_age=0)
    except NotFound:
        if (root / path / "index.html").is_file():
            return redirect(f"/{path}/", 301)
        response = send_from_directory(root, "404.html", max_age=0)
        response.status_code = 404
        return response
