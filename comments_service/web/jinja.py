"""What every template of the service may use: the limits, the moderation verbs, Dutch counts and moments."""

from __future__ import annotations

from flask import Flask

from comments_service.domain.actions import ACTIONS, STATE_WORDS
from comments_service.domain.dutch import moment, plural, short_moment
from comments_service.domain.limits import for_templates


def init_jinja(app: Flask) -> None:
    """Add the limits and the Dutch helpers to the service's templates."""
    app.jinja_env.globals.update(limits=for_templates(), plural=plural, actions=ACTIONS.values(), state_words=STATE_WORDS)
    app.jinja_env.filters.update(moment=moment, short_moment=short_moment)
