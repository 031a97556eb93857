"""Gunicorn settings for the comments service in production (and the load tests)."""

import os

from comments_service.infra.logs import ACCESS_FORMAT


def on_starting(server):
    """Refuse, one log record per problem, a production configuration that must not serve."""
    from comments_service.settings.config import refuse_unsafe_start

    refuse_unsafe_start(server.cfg.workers, server.log)


wsgi_app = "comments_service:create_app()"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
graceful_timeout = 10
logger_class = "comments_service.infra.logs.GunicornJsonLogger"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG")  # unset: no access log
access_log_format = ACCESS_FORMAT
errorlog = "-"
