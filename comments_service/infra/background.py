"""Work done after the response, in a daemon thread with the app's context (mail, the build hook).

The threads are kept in app.extensions["background"], so that whoever stops the app (a test) can wait
for them, or cancel the ones still waiting on a timer."""

from __future__ import annotations

import threading
from typing import Callable

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from comments_service.infra.database import db


def run_later(app: Flask, work: Callable[[], object], delay_seconds: float = 0) -> threading.Thread:
    """Run work(), in the app's context, in a daemon thread, after delay_seconds."""

    def run():
        with app.app_context():
            work()

    thread = threading.Timer(delay_seconds, run) if delay_seconds else threading.Thread(target=run)
    thread.daemon = True
    app.extensions.setdefault("background", []).append(thread)
    thread.start()
    return thread


def run_after_commit(name: str, work: Callable[[], object]) -> None:
    """Run work() in the background once the current transaction commits (once per name); not at all if
    it rolls back."""
    db.session.info.setdefault("after_commit", {})[name] = (current_app._get_current_object(), work)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    for app, work in session.info.pop("after_commit", {}).values():
        run_later(app, work)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop("after_commit", None)
