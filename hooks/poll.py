"""MkDocs hook: validate each commented post's poll with the service's own schema; give the templates the
service's limits and its Dutch plural, so the site's forms and counts say what the service enforces."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from comments_service.domain.dutch import plural
from comments_service.domain.limits import for_templates
from comments_service.domain.poll import PollError, parse_poll


def on_env(env, config, files):
    """The Dutch plural for every template ('1 reactie', '2 reacties')."""
    env.globals["plural"] = plural
    return env


def on_page_markdown(markdown, page, config, files):
    """Fail the build on a broken poll block; hand the template the validated poll."""
    if page.meta.get("comments"):
        try:
            poll = parse_poll(page.meta.get("poll"), page.file.src_uri)
        except PollError as exc:
            raise PluginError(str(exc)) from None
        page.meta["poll"] = poll.model_dump()
        page.meta["limits"] = for_templates()
    return markdown
