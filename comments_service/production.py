"""What a production start refuses: each problem is one line that says what to set."""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping

from flask import Flask


class ProductionConfigError(RuntimeError):
    """COMMENTS_ENV=production with a configuration that must not serve; one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def problems(config: Mapping, workers: int | None = None) -> list[str]:
    """The production problems in this configuration; `workers` when the server's count is known."""
    found = []
    if not config.get("SECRET_KEY"):
        found.append("COMMENTS_ENV=production needs COMMENTS_SECRET_KEY: set it to a long random string "
                     "(python -c 'import secrets; print(secrets.token_urlsafe(48))')")
    if config.get("DEBUG"):
        found.append("COMMENTS_ENV=production must not run with debug on: unset FLASK_DEBUG and COMMENTS_DEBUG")
    if config.get("TRUSTED_PROXIES") is None:
        found.append("COMMENTS_ENV=production needs COMMENTS_TRUSTED_PROXIES: the number of proxies in front of "
                     "the service (1 behind Netlify's /api proxy, 0 when clients connect directly)")
    shared = not str(config.get("RATELIMIT_STORAGE_URI", "memory://")).startswith("memory://")
    if workers and workers > 1 and config.get("RATELIMIT_ENABLED") and not shared:
        found.append(f"rate limits in memory:// count per worker and there are {workers} workers: set "
                     "COMMENTS_RATELIMIT_STORAGE_URI=redis://HOST:6379 (or WEB_CONCURRENCY=1)")
    return found


def refuse_unsafe_start(workers: int, log: logging.Logger) -> None:
    """For gunicorn's master before it forks (gunicorn.conf.py): log the problems, one record each, and exit."""
    from comments_service.config import load_config

    app = Flask("comments_service", instance_relative_config=True)
    try:
        load_config(app, None)
        found = problems(app.config, workers) if app.config["ENV"] == "production" else []
    except ProductionConfigError as error:
        found = error.problems
    for line in found:
        log.error(line)
    if found:
        sys.exit(1)
