"""make bench: our service against Isso and the bare-Flask ceiling, on loopback, rounds interleaved.

Prints one table and writes it, with the date and the machine, to bench/RESULTS.md."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import platform
import statistics
import sys
import tempfile
import threading
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import load, seed, services  # noqa: E402

ROUNDS, SECONDS = 5, 5
OURS, ISSO, CEILING = 8801, 8802, 8803
THREAD = "/api/threads/leiden-of-lijden"
POST_BODY = '{"author": "Bench", "category": "coachen", "body": "Samen bellen, en daarna samen evalueren wat het opleverde."}'
ISSO_BODY = '{"author": "Bench", "text": "Samen bellen, en daarna samen evalueren wat het opleverde."}'


def site_server(site: Path) -> str:
    """Serve the built site for Isso, which checks that a thread's page exists before its first comment."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, {platform.system()} {platform.release()}"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    database = work / "ours.sqlite3"
    seed.seed_ours(f"sqlite:///{database}")
    with contextlib.ExitStack() as running:  # every server started is stopped, whatever fails
        ours = running.enter_context(services.running(services.ours(OURS, f"sqlite:///{database}", work / "ours.log")))
        isso = running.enter_context(services.running(services.isso(ISSO, work, site_server(Path("site")), work / "isso.log")))
        seed.seed_isso(f"http://127.0.0.1:{ISSO}", work / "isso.db")
        with urllib.request.urlopen(f"http://127.0.0.1:{OURS}{THREAD}/comments") as response:
            (work / "list.json").write_bytes(response.read())
            etag = response.headers["ETag"]
        ceiling = running.enter_context(services.running(services.ceiling(CEILING, work / "list.json", work / "ceiling.log")))
        results = measure(ours, [ours, isso, ceiling], etag, database, work)
    report(results, (work / "list.json").stat().st_size)


TARGETS = [  # name, server, path, method, body, conditional
    ("ours GET comments", "ours", f"{THREAD}/comments", "GET", None, False),
    ("ours GET poll", "ours", f"{THREAD}/poll", "GET", None, False),
    ("ours GET comments 304", "ours", f"{THREAD}/comments", "GET", None, True),
    ("ours POST comment", "ours", f"{THREAD}/comments", "POST", POST_BODY, False),
    ("Isso GET list", "isso", "/?uri=%2Fblog%2Fleiden-of-lijden%2F", "GET", None, False),
    ("Isso POST new", "isso", "/new?uri=%2Fblog%2Fleiden-of-lijden%2F", "POST", ISSO_BODY, False),
    ("ceiling GET list", "ceiling", "/list", "GET", None, False),
    ("ceiling GET tiny", "ceiling", "/tiny", "GET", None, False),
]
PORTS = {"ours": OURS, "isso": ISSO, "ceiling": CEILING}


def measure(ours, servers: list, etag: str, database: Path, work: Path) -> dict:
    """ROUNDS rounds over every target, interleaved, each run on idle servers; POST runs checked
    against the rows stored."""
    runs: dict[str, list[dict]] = {name: [] for name, *_ in TARGETS}
    lost = {"ours POST comment": 0, "Isso POST new": 0}
    rss = {"start": services.peak_rss_mb(services.workers(ours))}
    for _ in range(ROUNDS):
        for name, server, path, method, body, conditional in TARGETS:
            table = (database, "comments") if server == "ours" else (work / "isso.db", "comments")
            services.settle(servers)
            if name == "ours POST comment":
                rss.setdefault("before POST", services.peak_rss_mb(services.workers(ours)))
            before = load.rows(*table) if method == "POST" else 0
            result = load.wrk(f"http://127.0.0.1:{PORTS[server]}{path}", SECONDS, method, body, etag if conditional else None)
            if method == "POST":
                services.settle(servers)  # the requests still in flight land
                stored = load.rows(*table) - before
                lost[name] += max(0, result["ok"] - stored)  # in flight at the stop: stored, not lost
            runs[name].append(result)
    rss["after"] = services.peak_rss_mb(services.workers(ours))
    return {"runs": runs, "lost": lost, "rss": rss}


def _mb(values: list[float]) -> str:
    return ", ".join(f"{value:.0f}" for value in values)


def report(results: dict, body_bytes: int) -> None:
    median = {name: {key: statistics.median(run[key] for run in runs) for key in runs[0]}
              for name, runs in results["runs"].items()}
    errors = {name: sum(run["errors"] for run in runs) for name, runs in results["runs"].items()}
    rss = results["rss"]
    pairs = {"ours GET comments": ("Isso GET list", "ceiling GET list"), "ours GET comments 304": ("Isso GET list", "ceiling GET list"),
             "ours GET poll": (None, "ceiling GET tiny"), "ours POST comment": ("Isso POST new", None)}
    lines = ["| target | req/s | p50 ms | p99 ms | errors | lost | vs Isso | vs ceiling |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, figures in median.items():
        isso, ceiling = pairs.get(name, (None, None))
        ratios = [f"{figures['rps'] / median[other]['rps']:.2f}x" if other else "" for other in (isso, ceiling)]
        lines.append(f"| {name} | {figures['rps']:,.0f} | {figures['p50_ms']:.1f} | {figures['p99_ms']:.1f} | {errors[name]} | "
                     f"{results['lost'].get(name, '')} | {ratios[0]} | {ratios[1]} |")
    lines.append("")
    growth = max(after / before - 1 for before, after in zip(rss["before POST"], rss["after"], strict=True))
    lines.append(f"Our workers' peak RSS (MB): at the start {_mb(rss['start'])}; before the first POST run "
                 f"{_mb(rss['before POST'])}; after {ROUNDS} rounds {_mb(rss['after'])} ({growth:+.0%} across the POST runs). "
                 f"List body: {body_bytes:,} bytes.")
    table = "\n".join(lines)
    print(table)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    (Path(__file__).parent / "RESULTS.md").write_text(
        f"# Benchmark results\n\n{stamp} on {machine()}; `make bench` (wrk, 2 threads, 50 connections, "
        f"{ROUNDS} interleaved rounds of {SECONDS} s; medians).\n\n{table}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
