"""Build the static site and serve a folder over HTTP on loopback, for the site's tests."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
from pathlib import Path

from tests.support.live import serving

ROOT = Path(__file__).resolve().parents[2]


def mkdocs_build(dest: Path, config: Path = ROOT / "mkdocs.yml", **extra_env: str) -> subprocess.CompletedProcess:
    """Run a strict MkDocs build into dest (no conversation unless extra_env asks for one); the caller
    checks the result."""
    env = {name: value for name, value in os.environ.items() if name not in {"COMMENTS_API_URL", "COMMENTS_SNAPSHOT"}}
    env = {**env, "NO_MKDOCS_2_WARNING": "1", **extra_env}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(dest)],
        cwd=config.parent, env=env, capture_output=True, text=True, timeout=300,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_folder(folder: Path):
    """Serve folder's files on a free loopback port; a context manager yielding the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    return serving(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler))
