"""Where the admin returns to after an action: only a path inside /admin."""

from __future__ import annotations

from comments_service.web.api.return_to import safe_return_path


def safe_next(value: object, fallback: str) -> str:
    """value when it is a same-site path under /admin, else fallback."""
    path = safe_return_path(value, fallback)
    return path if path.startswith("/admin") else fallback
