"""Debian's nginx as the one front of several service instances, on a free loopback port."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.support.ports import free_port

CONFIG = """
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {work}/body;
  proxy_temp_path {work}/proxy;
  fastcgi_temp_path {work}/fastcgi;
  uwsgi_temp_path {work}/uwsgi;
  scgi_temp_path {work}/scgi;
  upstream service {{ {servers} }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://service;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }}
  }}
}}
"""


@contextmanager
def nginx_front(upstreams: list[str]):
    """Round-robin over the upstream base URLs; yield the front's base URL."""
    work, port = Path(tempfile.mkdtemp(prefix="comments-nginx-")), free_port()
    servers = " ".join(f"server {url.removeprefix('http://')};" for url in upstreams)
    (work / "nginx.conf").write_text(CONFIG.format(work=work, servers=servers, port=port))
    with (work / "stderr.log").open("w") as stderr:
        process = subprocess.Popen(["nginx", "-p", str(work), "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
                                   stderr=stderr)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/api/health", timeout=2):
                    break
            except (OSError, urllib.error.URLError):
                assert process.poll() is None and time.monotonic() < deadline, (work / "stderr.log").read_text()
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
