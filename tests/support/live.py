"""Servers on loopback, run from a thread for the length of a test."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import HTTPServer

from werkzeug.serving import make_server


@contextmanager
def serving(server: HTTPServer):
    """Run an HTTP server (bound to 127.0.0.1) in a thread; yield its base URL; stop it after."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def live_server(app):
    """Serve a WSGI app on a free loopback port."""
    return serving(make_server("127.0.0.1", 0, app, threaded=True))
