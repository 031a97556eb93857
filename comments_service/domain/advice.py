"""The author's advice per thread ("Ons advies"): held by the service until it is published, so neither the static
site nor the API shows it early. A Markdown text (rendered once, when written), the approaches it recommends and a
state: draft, scheduled (at a time, or after a number of approved answers), published, withdrawn. Every change is
in the audit trail (no comment id; the action names the advice)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Enum, String, Text, update
from sqlalchemy.orm import Mapped, mapped_column

from comments_service.domain.audit import record
from comments_service.domain.errors import DomainError
from comments_service.domain.events import advice_published, public_change, public_changed
from comments_service.domain.models import UTCDateTime
from comments_service.domain.rendering import render_advice
from comments_service.domain.tally import counts
from comments_service.domain.threads import Thread
from comments_service.infra.database import db

ADVICE_MAX = 20_000  # characters of Markdown


class AdviceState(enum.Enum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class Advice(db.Model):
    """One thread's advice."""

    __tablename__ = "advice"

    thread: Mapped[str] = mapped_column(String(100), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    options: Mapped[str] = mapped_column(String(500))  # the recommended option ids, comma-separated, in poll order
    state: Mapped[AdviceState] = mapped_column(
        Enum(AdviceState, name="advice_state", native_enum=False, length=16, create_constraint=True,
             values_callable=lambda states: [state.value for state in states]))
    publish_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # scheduled by time
    publish_after: Mapped[int | None] = mapped_column()  # scheduled by the number of approved answers
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    @property
    def option_ids(self) -> list[str]:
        return self.options.split(",")


def _snapshot(advice: Advice | None) -> dict | None:
    if advice is None:
        return None
    return {"state": advice.state.value, "options": advice.option_ids, "body": advice.body,
            "publish_at": advice.publish_at.isoformat() if advice.publish_at else None,
            "publish_after": advice.publish_after}


def _audited(advice: Advice, action: str, actor: str, now: datetime, before: dict | None) -> None:
    advice.updated_at = now
    db.session.flush()
    record(None, actor, f"advice-{action}", now, before, _snapshot(advice) | {"thread": advice.thread})


def find(thread_id: str) -> Advice | None:
    return db.session.get(Advice, thread_id)


def published(thread_id: str) -> Advice | None:
    """The thread's advice if it is published, else None."""
    advice = find(thread_id)
    return advice if advice is not None and advice.state == AdviceState.PUBLISHED else None


def set_text(thread: Thread, options: list[str], body: str, actor: str, now: datetime) -> Advice:
    """Create or replace the advice's text and approaches. A published advice shows the new text at once; a
    withdrawn one becomes a draft again."""
    unknown = [option for option in options if option not in thread.poll.option_ids]
    if not options or unknown:
        raise DomainError("invalid_advice", f"Kies een of meer aanpakken uit de peiling ({', '.join(thread.poll.option_ids)})"
                          + (f"; onbekend: {', '.join(unknown)}" if unknown else "") + ".")
    text = body.strip()
    if not text or len(text) > ADVICE_MAX:
        raise DomainError("invalid_advice", f"Het advies is leeg of langer dan {ADVICE_MAX} tekens.")
    advice, before = find(thread.id), None
    if advice is None:
        advice = Advice(thread=thread.id, state=AdviceState.DRAFT)
        db.session.add(advice)
    else:
        before = _snapshot(advice)
    advice.body, advice.body_html = text, render_advice(text)
    advice.options = ",".join(option for option in thread.poll.option_ids if option in options)
    if advice.state == AdviceState.WITHDRAWN:
        advice.state = AdviceState.DRAFT
    _audited(advice, "set", actor, now, before)
    if advice.state == AdviceState.PUBLISHED:
        public_change(thread.id, now, removes=False)
    return advice


def schedule(thread: Thread, actor: str, now: datetime, at: datetime | None = None, after: int | None = None) -> Advice:
    """Publish now (neither at nor after), at a time, or once `after` answers are approved; what is already due is
    published at once."""
    advice = find(thread.id)
    if advice is None:
        raise DomainError("no_advice", "Er is nog geen advies voor deze blog: schrijf het eerst.")
    if advice.state == AdviceState.PUBLISHED:
        raise DomainError("already_published", "Het advies staat al online.")
    if after is not None and after < 1:
        raise DomainError("invalid_schedule", "Het aantal reacties moet minstens 1 zijn.")
    before = _snapshot(advice)
    advice.state, advice.publish_at, advice.publish_after = AdviceState.SCHEDULED, at, after
    _audited(advice, "schedule", actor, now, before)
    if not publish_due(thread.id, now):
        public_change(thread.id, now, removes=False)  # the page says when it follows
    return advice


def withdraw(thread: Thread, actor: str, now: datetime) -> Advice:
    """Take the advice offline (or off the schedule); its text is kept for a later publication."""
    advice = find(thread.id)
    if advice is None or advice.state in (AdviceState.DRAFT, AdviceState.WITHDRAWN):
        raise DomainError("not_published", "Het advies staat niet online en is niet gepland.")
    before, was_public = _snapshot(advice), advice.state == AdviceState.PUBLISHED
    advice.state, advice.publish_at, advice.publish_after = AdviceState.WITHDRAWN, None, None
    _audited(advice, "withdraw", actor, now, before)
    public_change(thread.id, now, removes=was_public)  # gone from the page, or its date is
    return advice


def publish_due(thread_id: str, now: datetime) -> bool:
    """Publish a scheduled advice whose time or count has come. One conditional UPDATE claims it, so two workers
    never both publish it; the caller commits."""
    advice = find(thread_id)
    if advice is None or advice.state != AdviceState.SCHEDULED:
        return False
    by_time = advice.publish_at is None and advice.publish_after is None or advice.publish_at and advice.publish_at <= now
    by_count = advice.publish_after is not None and sum(counts(thread_id).values()) >= advice.publish_after
    if not (by_time or by_count):
        return False
    claimed = db.session.execute(update(Advice).where(Advice.thread == thread_id, Advice.state == AdviceState.SCHEDULED)
                                 .values(state=AdviceState.PUBLISHED, published_at=now, updated_at=now)).rowcount
    if not claimed:
        return False
    db.session.refresh(advice)
    record(None, "system", "advice-publish", now, None, _snapshot(advice) | {"thread": thread_id})
    public_change(thread_id, now, removes=False)
    advice_published.send(thread_id, now=now)
    return True


@public_changed.connect
def _answers_counted(thread: str, now: datetime, removes: bool) -> None:
    """An approval may bring the number of answers a scheduled advice waits for (in the approval's transaction)."""
    if not removes:
        publish_due(thread, now)
