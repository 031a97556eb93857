"""The comment and poll service behind the blog post."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask_wtf.csrf import CSRFProtect

from comments_service import cli
from comments_service.domain.fields import name_key
from comments_service.domain.stored_options import check_stored_options
from comments_service.domain.threads import author_names, load_threads
from comments_service.infra.database import db, init_database
from comments_service.infra.ratelimit import init_rate_limits
from comments_service.mail import reader as reader_mail
from comments_service.settings.config import load_config
from comments_service.site import rebuild, serving
from comments_service.web import admin, api
from comments_service.web.api import endorsements as endorsement_routes
from comments_service.web.api.endorsement_writes import init_endorsement_writes
from comments_service.web.api.endorsements import error_page as endorsement_error_page
from comments_service.web.api.read_cache import init_read_cache
from comments_service.web.errors import register_error_handlers
from comments_service.web.form_page import admin_error_page, form_error_page
from comments_service.web.headers import init_security_headers
from comments_service.web.jinja import init_jinja
from comments_service.web.openapi import load_openapi
from comments_service.web.sessions import AdminPathSessionInterface

csrf = CSRFProtect()


def create_app(test_config: dict | None = None) -> Flask:
    """Build the service: config layers, threads from the front matter, database, API, CLI."""
    app = Flask(__name__, instance_relative_config=True)
    load_config(app, test_config)
    app.json.sort_keys = False
    app.session_interface = AdminPathSessionInterface()
    docs = Path(app.config["DOCS_DIR"])
    app.extensions["threads"] = load_threads(docs, app.config["POST_PATH_FORMAT"])
    app.extensions["reserved_names"] = frozenset(name_key(name) for name in author_names(docs / app.config["AUTHORS_FILE"]))
    app.extensions["openapi"] = load_openapi(app.extensions["threads"])
    app.extensions["author_name"] = next(iter(author_names(docs / app.config["AUTHORS_FILE"], display=True)), "Auteur")
    app.extensions["error_pages"] = {"api": form_error_page, "admin": admin_error_page, "endorsements": endorsement_error_page}

    init_database(app)
    reader_mail.subscribe()  # mail and the site's rebuild act on what the domain announces
    rebuild.subscribe()
    with app.app_context():  # the endorsement writes go in front of Flask, behind the proxy layer that comes next
        init_endorsement_writes(app, db.engine)
    init_rate_limits(app)
    register_error_handlers(app)
    init_security_headers(app)
    init_jinja(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(endorsement_routes.bp)
    app.register_blueprint(admin.bp)
    csrf.init_app(app)
    csrf.exempt(api.bp)  # anonymous posting carries no ambient authority; content type and rate limits guard it
    csrf.exempt(endorsement_routes.bp)  # the same, and the reader's cookie is SameSite=Lax
    cli.register(app)
    if app.config["SERVE_SITE"] and Path(app.config["SITE_DIR"]).is_dir():
        app.register_blueprint(serving.bp)

    # A command-line run (`flask db upgrade`, `comments recategorise`) must work on the very data
    # that would stop the server, so only a served app checks it here; `flask serve` checks itself.
    if click.get_current_context(silent=True) is None:
        check_stored_options(app)
    with app.app_context():
        init_read_cache(app, db.engine)
    return app
