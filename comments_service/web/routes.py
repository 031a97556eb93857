"""Path pieces the routes share."""

from __future__ import annotations

from comments_service.domain.limits import MAX_ID

# A comment id in a path: a number the database can hold, so a larger one is a plain 404, never an error.
COMMENT_ID = f"<int(max={MAX_ID}):comment_id>"
