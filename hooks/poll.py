"""MkDocs hook: validate each commented post's poll with the service's own schema."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from comments_service.domain.poll import PollError, parse_poll


def on_page_markdown(markdown, page, config, files):
    """Fail the build on a broken poll block; hand the template the validated poll."""
    if page.meta.get("comments"):
        try:
            poll = parse_poll(page.meta.get("poll"), page.file.src_uri)
        except PollError as exc:
            raise PluginError(str(exc)) from None
        page.meta["poll"] = poll.model_dump()
    return markdown
