"""Structured logs under gunicorn: one JSON object per line, for gunicorn's own records and the
service's, with no personal data in them (no client address in the access log, SQL parameters hidden,
mail errors logged by kind)."""

from __future__ import annotations

import logging

from gunicorn.glogging import Logger
from pythonjsonlogger.json import JsonFormatter

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
RENAMED = {"asctime": "time", "levelname": "level", "name": "logger"}
# The access log (off unless GUNICORN_ACCESS_LOG is set) without gunicorn's %(h)s, the client address,
# and without the query string.
ACCESS_FORMAT = "%(m)s %(U)s %(s)s %(B)s bytes %(M)s ms"


def json_formatter() -> JsonFormatter:
    return JsonFormatter(FORMAT, rename_fields=RENAMED)


class GunicornJsonLogger(Logger):
    """gunicorn's logger with JSON lines; the root logger, which the service's loggers reach, too."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(json_formatter())
        root = logging.getLogger()
        if not any(isinstance(handler.formatter, JsonFormatter) for handler in root.handlers):
            handler = logging.StreamHandler()
            handler.setFormatter(json_formatter())
            root.addHandler(handler)
        root.setLevel(logging.INFO)
