"""A stub HTTP server on loopback that records the requests it receives (method and path)."""

from __future__ import annotations

import http.server
import threading
from contextlib import contextmanager


@contextmanager
def stub_server(status: list[int] | None = None):
    """Yield (base URL, list of received paths); every request gets a small JSON answer. A POST is recorded
    as "POST <path> <content type> <body>"; status is the list holding the status to answer with (200 unless
    changed)."""
    received: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            received.append(self.path)
            self._answer()

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            received.append(f"POST {self.path} {self.headers.get('Content-Type')} {body}")
            self._answer()

        def _answer(self):
            body = b'{"stub": true}'
            self.send_response((status or [200])[0])
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()
