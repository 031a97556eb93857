"""A throwaway PostgreSQL 15 cluster for the test run (initdb refuses root: it runs as `postgres`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from tests.support.ports import free_port

BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres_server():
    """Start a cluster on a free loopback port; yield its DATABASE_URL; stop and remove it after."""
    root = Path(tempfile.mkdtemp(prefix="comments-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", free_port()
    run = lambda *command: subprocess.run(_as_postgres([str(BIN / command[0]), *command[1:]]),  # noqa: E731
                                          check=True, capture_output=True, text=True, timeout=120)
    try:
        run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        run("pg_ctl", "-D", str(data), "-o", options, "-l", str(root / "server.log"), "-w", "start")
        try:
            run("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "comments")
            yield f"postgresql://postgres@127.0.0.1:{port}/comments"
        finally:
            run("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)
