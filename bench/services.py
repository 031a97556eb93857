"""The three servers the benchmark compares, on loopback: ours, Isso and the bare-Flask ceiling."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ISSO_PYTHON = ROOT / "bench" / ".isso-venv" / "bin" / "python"


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not come up:\n{log.read_text(errors='replace')[-3000:]}") from None
            time.sleep(0.2)


def start(command: list[str], env: dict, log: Path, health: str, cwd: Path = ROOT) -> subprocess.Popen:
    """Start a server, its output in log; return once health answers."""
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(health, process, log)
    except RuntimeError:
        process.kill()
        raise
    return process


def ours(port: int, database_url: str, log: Path) -> subprocess.Popen:
    """The service as in production: gunicorn.conf.py, COMMENTS_ENV=production, SQLite, no rate limit."""
    env = {"PORT": str(port), "DATABASE_URL": database_url, "COMMENTS_ENV": "production",
           "COMMENTS_SECRET_KEY": "bench-" + "x" * 40, "COMMENTS_RATELIMIT_ENABLED": "false",
           "COMMENTS_TRUSTED_PROXIES": "0", "COMMENTS_PUBLIC_URL": "https://leiden-of-lijden.example"}
    return start([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], env, log,
                 f"http://127.0.0.1:{port}/api/health")


def ceiling(port: int, body: Path, log: Path) -> subprocess.Popen:
    """A bare Flask app under the same gunicorn settings, answering from memory."""
    env = {"PORT": str(port), "CEILING_BODY": str(body)}
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--chdir", "bench", "ceiling:app"]
    return start(command, env, log, f"http://127.0.0.1:{port}/tiny")


def isso(port: int, work: Path, site_url: str, log: Path) -> subprocess.Popen:
    """Isso 0.14 in its own virtual environment, under gunicorn with 2 workers as its docs describe."""
    config = (ROOT / "bench" / "isso.cfg.in").read_text()
    for key, value in {"@DB@": str(work / "isso.db"), "@HOST@": site_url, "@LOG@": str(work / "isso-app.log"),
                       "@PORT@": str(port)}.items():
        config = config.replace(key, value)
    (work / "isso.cfg").write_text(config)
    gunicorn = ISSO_PYTHON.parent / "gunicorn"
    command = [str(gunicorn), "-b", f"127.0.0.1:{port}", "-w", "2", "--preload", "isso.run"]
    # From its own folder: gunicorn would otherwise pick up our gunicorn.conf.py from the project root.
    return start(command, {"ISSO_SETTINGS": str(work / "isso.cfg")}, log, f"http://127.0.0.1:{port}/info", cwd=work)


def workers(master: subprocess.Popen) -> list[int]:
    """The gunicorn workers under a master process."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def peak_rss_mb(pids: list[int]) -> list[float]:
    """Peak resident memory (VmHWM) per process, in MB."""
    peaks = []
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return peaks


def settle(masters: list[subprocess.Popen], quiet_ticks: int = 5, seconds: float = 30) -> None:
    """Wait until the servers have stopped working off a run's backlog (a slow server keeps answering
    queued requests after wrk stops), so that no run is measured with another server's leftovers."""
    deadline = time.monotonic() + seconds
    busy = _cpu_ticks(masters)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = _cpu_ticks(masters)
        if now - busy < quiet_ticks:
            return
        busy = now


def _cpu_ticks(masters: list[subprocess.Popen]) -> int:
    total = 0
    for pid in [pid for master in masters for pid in (master.pid, *workers(master))]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


@contextmanager
def running(process: subprocess.Popen):
    """Yield the process; terminate it (and so its workers) afterwards."""
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
