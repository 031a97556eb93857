"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""

from __future__ import annotations

import email
import time
from contextlib import contextmanager
from email.message import EmailMessage
from email.policy import default

from aiosmtpd.controller import Controller

from tests.support.ports import free_port


class _Inbox:
    def __init__(self):
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=default)
        message.raw = envelope.content  # the bytes as sent, for tests of the header lines themselves
        self.messages.append(message)
        return "250 OK"


@contextmanager
def smtp_server(port: int | None = None):
    """Yield (port, list of received messages)."""
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port or free_port())
    controller.start()
    try:
        yield controller.port, inbox.messages
    finally:
        controller.stop()


def wait_for(condition, timeout: float = 15.0):
    """Poll condition until it is truthy (mail is sent from a background thread); return its value."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
    return value
