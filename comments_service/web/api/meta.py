"""Health and the OpenAPI document."""

from __future__ import annotations

from flask import current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from comments_service.infra.database import db
from comments_service.web.api import bp
from comments_service.web.api.caching import conditional_json
from comments_service.web.errors import ApiError


@bp.get("/health")
def health():
    """ok with the database's backend and schema revision after a round trip; 503 when it does not answer."""
    try:
        revision = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        current_app.logger.warning("health check: database unreachable or not migrated", exc_info=True)
        raise ApiError(503, "unavailable", "De database is niet bereikbaar.", headers={"Retry-After": "5"}) from None
    response = jsonify(status="ok", database={"backend": db.engine.dialect.name, "schema": revision})
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 document of this API."""
    return conditional_json(current_app.extensions["openapi"])
