"""What every template of the service may use: the limits, the moderation verbs, Dutch counts and moments."""

from __future__ import annotations

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader

from comments_service.domain.actions import ACTIONS, STATE_WORDS
from comments_service.domain.dutch import moment, plural, short_moment
from comments_service.domain.limits import for_templates


def init_jinja(app: Flask) -> None:
    """Add the limits and the Dutch helpers to the service's templates, and the site's overrides/ to its
    loader: the form's fields are one macro there, shared with the site's templates."""
    app.jinja_loader = ChoiceLoader([app.jinja_loader, FileSystemLoader(app.config["OVERRIDES_DIR"])])
    app.jinja_env.globals.update(limits=for_templates(), plural=plural, actions=ACTIONS.values(), state_words=STATE_WORDS)
    app.jinja_env.filters.update(moment=moment, short_moment=short_moment)
