"""Rebuilding the static site when the public conversation changes, through a Netlify build hook
(COMMENTS_BUILD_HOOK_URL), so that the conversation built into the page stays fresh.

A public change marks the rebuild in its own transaction (the mark lives in the database, so it holds
across workers and instances); after the commit, in the background, the hook fires: at once for a change
that removes something public, otherwise at once and then at most once more at the end of
BUILD_HOOK_INTERVAL_SECONDS when more changes came in, so the last change is never left out. The hook's
fate never touches the moderation action: a failure is logged and the mark stays for the next try."""

from __future__ import annotations

import urllib.request
from datetime import datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import update
from sqlalchemy.orm import Mapped, mapped_column

from comments_service.domain.events import public_changed
from comments_service.domain.models import UTCDateTime
from comments_service.infra.background import run_after_commit, run_later
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db

SITE = 1  # one row: this service feeds one site
RETRY_SECONDS = 60
FIRED, NOT_DUE, FAILED = "build hook fired", "no rebuild due", f"build hook failed; tried again in {RETRY_SECONDS} s"


class RebuildState(db.Model):
    """Whether the built site lags behind the public conversation, and when the hook last fired."""

    __tablename__ = "rebuild_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    pending_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    urgent: Mapped[bool] = mapped_column(default=False)
    last_fired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


def subscribe() -> None:
    """Mark a rebuild whenever the domain announces a public change."""
    public_changed.connect(_on_public_change)


def _on_public_change(thread: str, now: datetime, removes: bool) -> None:
    mark(now, removes)


def mark(now: datetime, removes: bool) -> None:
    """Note, in the current transaction, that the site needs a rebuild (urgently when something public went)."""
    if not current_app.config.get("BUILD_HOOK_URL"):
        return
    state = db.session.get(RebuildState, SITE) or RebuildState(id=SITE)
    state.pending_since = state.pending_since or now
    state.urgent = bool(state.urgent) or removes
    db.session.add(state)
    run_after_commit("rebuild", lambda: fire_if_due(utcnow()))


def fire_if_due(now: datetime) -> str:
    """Fire the hook when a rebuild is pending and due: FIRED, NOT_DUE or FAILED (then it is tried again in
    RETRY_SECONDS). One claim in the database decides which worker fires; any other pending change is left
    for later (and a timer is set for it)."""
    url, interval = current_app.config.get("BUILD_HOOK_URL"), timedelta(seconds=current_app.config["BUILD_HOOK_INTERVAL_SECONDS"])
    state = db.session.get(RebuildState, SITE)
    if not url or state is None or state.pending_since is None:
        db.session.commit()
        return NOT_DUE
    due_at = state.last_fired_at + interval if state.last_fired_at and not state.urgent else now
    if due_at > now:
        db.session.commit()
        _fire_later(current_app._get_current_object(), (due_at - now).total_seconds())
        return NOT_DUE
    claimed = db.session.execute(update(RebuildState).where(
        RebuildState.id == SITE, RebuildState.pending_since == state.pending_since,
        RebuildState.last_fired_at.is_(None) if state.last_fired_at is None else RebuildState.last_fired_at == state.last_fired_at,
    ).values(pending_since=None, urgent=False, last_fired_at=now)).rowcount == 1
    db.session.commit()
    if not claimed:
        return NOT_DUE
    try:
        request = urllib.request.Request(url, data=b"{}", method="POST", headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=current_app.config["BUILD_HOOK_TIMEOUT_SECONDS"]):
            pass
    except OSError as exc:
        current_app.logger.warning("build hook failed (%s); tried again in %s s", type(exc).__name__, RETRY_SECONDS)
        db.session.execute(update(RebuildState).where(RebuildState.id == SITE).values(pending_since=now, urgent=True))
        db.session.commit()
        _fire_later(current_app._get_current_object(), RETRY_SECONDS)
        return FAILED
    return FIRED


def _fire_later(app: Flask, seconds: float) -> None:
    """A timer in this process for the end of the interval (any worker's timer will do: one claims it)."""
    run_later(app, lambda: fire_if_due(utcnow()), seconds)
