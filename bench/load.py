"""wrk runs and the counts that check them."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

LUA = Path(__file__).resolve().parent / "wrk.lua"


def wrk(url: str, seconds: int, method: str = "GET", body: str | None = None, etag: str | None = None,
        script: Path = LUA) -> dict:
    """One bounded wrk run: 2 threads, 50 connections, a 10 s timeout so slow servers are measured."""
    env = {**os.environ, "WRK_METHOD": method, "WRK_LUA": str(LUA)}
    if body is not None:
        env["WRK_BODY"] = body
    if etag is not None:
        env["WRK_IF_NONE_MATCH"] = etag
    result = subprocess.run(["wrk", "-t2", "-c50", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url],
                            env=env, capture_output=True, text=True, timeout=seconds + 60, check=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    seconds_run = figures["duration_us"] / 1e6
    return {
        "rps": figures["requests"] / seconds_run,
        "p50_ms": figures["p50_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "errors": figures["socket_errors"] + figures["non_2xx_3xx"],
        "ok": figures["requests"] - figures["non_2xx_3xx"],
    }


def rows(database: Path, table: str) -> int:
    """Rows in a SQLite table, read while the servers run (WAL readers do not block writers)."""
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
