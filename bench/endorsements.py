"""Endorsements under load (issue 19): endorsement POSTs per second against comment POSTs (goal: at least 3x), and
GET comments while 50 endorsements a second are written (goal: p99 under 50 ms at 50 connections, and at least 0.7x
the read rate without them, in one run). Our service as in production (gunicorn, SQLite), on loopback.

Usage: python bench/endorsements.py"""

from __future__ import annotations

import contextlib
import http.client
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import load, seed, services  # noqa: E402
from bench.run import POST_BODY, THREAD  # noqa: E402

PORT, ROUNDS, SECONDS, WRITES_PER_SECOND = 8811, 3, 5, 50
ENDORSE_LUA = Path(__file__).resolve().parent / "endorse.lua"


def paced_endorsements(stop: threading.Event, counted: list[int]) -> None:
    """WRITES_PER_SECOND endorsements a second on one keep-alive connection, each with a new key, until stop."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    start, sent = time.monotonic(), 0
    while not stop.is_set():
        due = start + sent / WRITES_PER_SECOND
        time.sleep(max(0.0, due - time.monotonic()))
        sent += 1
        connection.request("POST", f"/api/comments/{sent % seed.COUNT + 1}/endorsements",
                           body=f'{{"reader": "paced{time.time_ns()}{sent:012d}"}}', headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        counted.append(response.status)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-endorse-"))
    database = work / "ours.sqlite3"
    seed.seed_ours(f"sqlite:///{database}")
    base = f"http://127.0.0.1:{PORT}"
    figures: dict[str, list[dict]] = {"POST endorsement": [], "POST comment": [], "GET comments": [], "GET comments + 50 endorsements/s": []}
    writes: list[int] = []
    with contextlib.ExitStack() as running:
        ours = running.enter_context(services.running(services.ours(PORT, f"sqlite:///{database}", work / "ours.log")))
        for _ in range(ROUNDS):
            services.settle([ours])
            figures["POST endorsement"].append(load.wrk(f"{base}/", SECONDS, script=ENDORSE_LUA))
            services.settle([ours])
            figures["POST comment"].append(load.wrk(f"{base}{THREAD}/comments", SECONDS, "POST", POST_BODY))
            services.settle([ours])
            figures["GET comments"].append(load.wrk(f"{base}{THREAD}/comments", SECONDS))
            services.settle([ours])
            stop, statuses = threading.Event(), []
            writer = threading.Thread(target=paced_endorsements, args=(stop, statuses))
            writer.start()
            started = time.monotonic()
            figures["GET comments + 50 endorsements/s"].append(load.wrk(f"{base}{THREAD}/comments", SECONDS))
            stop.set()
            writer.join()
            writes.append(round(len(statuses) / (time.monotonic() - started)))
            assert set(statuses) <= {201}, set(statuses)
    stored = load.rows(database, "endorsements")
    median = {name: {key: statistics.median(run[key] for run in runs) for key in runs[0]} for name, runs in figures.items()}
    for name, values in median.items():
        errors = sum(run["errors"] for run in figures[name])
        print(f"{name}: {values['rps']:,.0f} req/s, p50 {values['p50_ms']:.1f} ms, p99 {values['p99_ms']:.1f} ms, errors {errors}")
    ratio = median["POST endorsement"]["rps"] / median["POST comment"]["rps"]
    reads = median["GET comments + 50 endorsements/s"]["rps"] / median["GET comments"]["rps"]
    print(f"endorsement POSTs vs comment POSTs: {ratio:.2f}x (goal >= 3x); endorsements stored: {stored:,}")
    print(f"GET comments while writing {statistics.median(writes)} endorsements/s: p99 "
          f"{median['GET comments + 50 endorsements/s']['p99_ms']:.1f} ms (goal < 50 ms), {reads:.2f}x the read rate "
          f"without them (goal >= 0.7x); {ROUNDS} rounds of {SECONDS} s, medians")


if __name__ == "__main__":
    main()
