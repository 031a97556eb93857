"""A throwaway Redis (Debian's redis-server) on a free loopback port, for limits shared across processes."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager

import redis

from tests.support.ports import free_port


@contextmanager
def redis_server():
    """Yield the storage URI of a fresh, empty, non-persistent Redis; stop it after."""
    port, directory = free_port(), tempfile.mkdtemp(prefix="comments-redis-")
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", directory], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert process.poll() is None and time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}"
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)
