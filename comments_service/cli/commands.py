"""Command line for the author and the tests: list and moderate comments, move options, serve."""

from __future__ import annotations

import getpass
import json

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from werkzeug.serving import run_simple

from comments_service.domain.actions import ACTIONS
from comments_service.domain.limits import READER_PAGE
from comments_service.domain.models import Comment, Status
from comments_service.domain.moderation import recategorise, set_status
from comments_service.domain.privacy import CLIENT_HASH_DAYS, purge_client_hashes
from comments_service.domain.stored_options import StartupError, check_stored_options
from comments_service.infra.clock import iso, utcnow
from comments_service.infra.database import db, reading
from comments_service.infra.link_header import next_query
from comments_service.site.rebuild import fire_if_due

comments = AppGroup("comments", help="List and moderate comments.")
CLI_ACTOR = f"cli:{getpass.getuser()}"
STATUS_CHOICE = click.Choice([status.value for status in Status])


def _row(comment: Comment) -> dict:
    return {
        "id": comment.id, "thread": comment.thread, "parent_id": comment.parent_id, "author": comment.author,
        "email": comment.email, "status": comment.status.value, "category": comment.category,
        "created_at": iso(comment.created_at), "body": comment.body,
    }


@comments.command("list")
@click.option("--status", type=STATUS_CHOICE, help="Only comments in this state (default: all).")
@click.option("--json", "as_json", is_flag=True, help="Print only a JSON array.")
def list_command(status: str | None, as_json: bool) -> None:
    """List comments, oldest first."""
    query = db.select(Comment).order_by(Comment.created_at, Comment.id)
    if status:
        query = query.where(Comment.status == Status(status))
    with reading():
        rows = [_row(comment) for comment in db.session.scalars(query)]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for row in rows:
        first_line = row["body"].splitlines()[0][:60]
        click.echo(f"{row['id']:>6}  {row['status']:<8}  {row['thread']}  {row['category'] or '(antwoord)'}  "
                   f"{row['author']}: {first_line}")
    click.echo(f"{len(rows)} comment(s)")


def _moderate(status: Status):
    @click.argument("ids", nargs=-1, type=int, required=True)
    def command(ids: tuple[int, ...]) -> None:
        try:
            changed = set_status(list(ids), status, utcnow(), CLI_ACTOR)
        except LookupError as exc:
            raise click.ClickException(str(exc)) from None
        db.session.commit()
        click.echo(f"{status.value}: {', '.join(str(comment.id) for comment in changed)}")

    command.__doc__ = f"Mark comments as {status.value}."
    return command


for _action in ACTIONS.values():
    comments.command(_action.verb)(_moderate(_action.status))


@comments.command("recategorise")
@click.argument("thread")
@click.argument("old")
@click.argument("new")
def recategorise_command(thread: str, old: str, new: str) -> None:
    """Move a thread's comments from poll option OLD to option NEW."""
    declared = current_app.extensions["threads"].get(thread)
    if declared is None:
        raise click.ClickException(f"unknown thread {thread!r}")
    if new not in declared.poll.option_ids:
        raise click.ClickException(f"{new!r} is not an option of {thread!r}: {', '.join(declared.poll.option_ids)}")
    moved = recategorise(thread, old, new, utcnow(), CLI_ACTOR)
    db.session.commit()
    click.echo(f"moved {moved} comment(s) of {thread} from {old} to {new}")


@comments.command("purge-client-hashes")
@click.option("--days", default=CLIENT_HASH_DAYS, show_default=True, type=click.IntRange(min=1),
              help="Keep the hashes of the last DAYS days.")
def purge_client_hashes_command(days: int) -> None:
    """Forget which client posted comments, and which reader key endorsed answers, older than DAYS days (run it daily,
    e.g. from cron)."""
    cleared, dropped, forgotten = purge_client_hashes(utcnow(), days)
    db.session.commit()
    click.echo(f"client hashes older than {days} days: cleared on {cleared} comment(s), {dropped} retry key(s) dropped, "
               f"reader keys forgotten on {forgotten} endorsement(s)")


@comments.command("rebuild-site")
def rebuild_site_command() -> None:
    """Fire the build hook if a rebuild is pending and due (changes fire it themselves; this is for cron)."""
    click.echo(fire_if_due(utcnow()))


@click.command("snapshot")
@click.argument("file", type=click.File("w", encoding="utf-8"))
@with_appcontext
def snapshot_command(file) -> None:
    """Save the public answers of every thread (the first page of approved comments as the post shows it, how
    many there are and the query of the next page; the poll; the advice once published) for a build with
    COMMENTS_SNAPSHOT."""
    client = current_app.test_client()
    threads = {}
    for thread in current_app.extensions["threads"]:
        first = client.get(f"/api/threads/{thread}/comments?limit={READER_PAGE}")
        advice = client.get(f"/api/threads/{thread}/advice")  # published or not (404)
        threads[thread] = {"comments": first.get_json(), "poll": client.get(f"/api/threads/{thread}/poll").get_json(),
                           "advice": advice.get_json() if advice.status_code == 200 else None,
                           "total": int(first.headers["X-Total-Count"]), "next": next_query(first.headers.get("Link", ""))}
    json.dump({"format": 1, "threads": threads}, file, ensure_ascii=False)
    click.echo(f"saved {len(threads)} thread(s)")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve_command(host: str, port: int) -> None:
    """Serve the site, the API and the admin from this one process (for local use)."""
    app = current_app._get_current_object()
    try:
        check_stored_options(app)
    except StartupError as exc:
        raise click.ClickException(str(exc)) from None
    run_simple(host, port, app, threaded=True, use_reloader=False)
