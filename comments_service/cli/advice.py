"""The author's advice from the command line: `flask --app comments_service advice set|publish|withdraw|show`."""

from __future__ import annotations

import json
from datetime import datetime

import click
from flask import current_app
from flask.cli import AppGroup

from comments_service.cli.commands import CLI_ACTOR
from comments_service.domain import advice as domain
from comments_service.domain.advice_view import published_advice
from comments_service.domain.errors import DomainError
from comments_service.domain.threads import Thread
from comments_service.infra.clock import iso, utcnow
from comments_service.infra.database import db

advice = AppGroup("advice", help="Write, schedule, publish and withdraw a post's advice ('Ons advies').")


def _thread(thread_id: str) -> Thread:
    found = current_app.extensions["threads"].get(thread_id)
    if found is None:
        raise click.ClickException(f"no post with comments has the slug {thread_id!r}")
    return found


def _done(change) -> domain.Advice:
    """Run a domain change and commit it; its Dutch refusal is the command's error."""
    try:
        result = change()
    except DomainError as refusal:
        db.session.rollback()
        raise click.ClickException(refusal.message) from None
    db.session.commit()
    return result


def _aware(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("an ISO 8601 time, such as 2026-12-15T09:00:00+01:00", param_hint="--at") from None
    if moment.tzinfo is None:
        raise click.BadParameter("give the time zone too (+01:00, Z)", param_hint="--at")
    return moment


@advice.command("set")
@click.argument("thread")
@click.option("--option", "options", multiple=True, required=True, help="A recommended option id (repeatable).")
@click.option("--file", "source", type=click.File("r", encoding="utf-8"), required=True, help="The advice in Markdown.")
def set_command(thread: str, options: tuple[str, ...], source) -> None:
    """Create or replace the advice's text and approaches (a draft until published)."""
    found = _thread(thread)
    result = _done(lambda: domain.set_text(found, list(options), source.read(), CLI_ACTOR, utcnow()))
    click.echo(f"advice of {thread}: {result.state.value}, recommends {', '.join(result.option_ids)}")


@advice.command("publish")
@click.argument("thread")
@click.option("--at", "at", help="Publish at this time (ISO 8601 with a time zone).")
@click.option("--after-answers", "after", type=click.IntRange(min=1), help="Publish once this many answers are approved.")
def publish_command(thread: str, at: str | None, after: int | None) -> None:
    """Publish now, at a time, or after a number of approved answers."""
    if at is not None and after is not None:
        raise click.UsageError("choose --at or --after-answers, not both")
    found, moment = _thread(thread), _aware(at)
    result = _done(lambda: domain.schedule(found, CLI_ACTOR, utcnow(), at=moment, after=after))
    click.echo(f"advice of {thread}: {result.state.value}")


@advice.command("withdraw")
@click.argument("thread")
def withdraw_command(thread: str) -> None:
    """Take the advice offline, or off its schedule; the text is kept."""
    found = _thread(thread)
    _done(lambda: domain.withdraw(found, CLI_ACTOR, utcnow()))
    click.echo(f"advice of {thread}: withdrawn")


@advice.command("show")
@click.argument("thread")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
def show_command(thread: str, as_json: bool) -> None:
    """The advice's state, approaches, schedule and text; when published, how many readers agree."""
    found = _thread(thread)
    _done(lambda: domain.publish_due(found.id, utcnow()))
    current = domain.find(found.id)
    if current is None:
        raise click.ClickException(f"{thread} has no advice yet: write one with `advice set`")
    public = published_advice(found)
    shown = {"thread": found.id, "state": current.state.value, "options": current.option_ids,
             "publish_at": iso(current.publish_at), "publish_after": current.publish_after,
             "published_at": iso(current.published_at), "agreement": public["agreement"] if public else None,
             "body": current.body}
    if as_json:
        click.echo(json.dumps(shown, ensure_ascii=False))
        return
    for key, value in shown.items():
        if key == "agreement" and value:
            click.echo(f"agreement: {value['count']} of {value['total']} readers ({value['percent']}%)")
        elif key not in ("body", "agreement") and value is not None:
            click.echo(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
    click.echo("")
    click.echo(current.body)
