"""Clients for the soak runs: posting in a loop from a chosen loopback address, counting what came back."""

from __future__ import annotations

import http.client
import json
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.support.comments import COMMENTS_URL, VALID


@dataclass
class Tally:
    """What a group of clients saw; shared between their threads."""

    statuses: dict[int, int] = field(default_factory=dict)
    created: set[int] = field(default_factory=set)
    socket_errors: int = 0
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int, body: dict | None, seconds: float) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            self.latencies.append(seconds)
            if status == 201 and body:
                self.created.add(body["id"])

    def failed(self) -> None:
        with self.lock:
            self.socket_errors += 1

    def count(self, low: int, high: int) -> int:
        return sum(n for status, n in self.statuses.items() if low <= status < high)

    def p99_ms(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[int(len(ordered) * 0.99)] * 1000 if ordered else 0.0


def post_once(base: str, tally: Tally, number: int, source: str = "127.0.0.1", headers: dict | None = None) -> int:
    """One JSON post on a fresh connection from `source`; the status (0 when the connection failed)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60, source_address=(source, 0))
    payload = json.dumps({**VALID, "author": f"Lezer {number}", "body": f"Reactie {number} vanaf {source}"})
    started = time.monotonic()
    try:
        connection.request("POST", COMMENTS_URL, body=payload, headers={"Content-Type": "application/json", **(headers or {})})
        response = connection.getresponse()
        data = response.read()
    except (OSError, http.client.HTTPException):  # the server went away mid-answer
        tally.failed()
        return 0
    finally:
        connection.close()
    status = response.status
    tally.add(status, json.loads(data) if status == 201 else None, time.monotonic() - started)
    return status


def post_until(base: str, tally: Tally, stop: threading.Event, client: int, **kwargs) -> None:
    """Post from one client until stop is set."""
    number = 0
    while not stop.is_set():
        post_once(base, tally, client * 1_000_000 + number, **kwargs)
        number += 1
