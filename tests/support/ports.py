"""A free port on loopback, for every server a test starts."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A port no one listens on right now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
