"""Command line for the author: accounts (create-admin, unlock-admin), the mail outbox, backups."""

from __future__ import annotations

import json
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.exc import IntegrityError

from comments_service.domain.accounts import Admin, set_admin, unlock
from comments_service.domain.backup import export_data, import_data
from comments_service.infra.clock import utcnow
from comments_service.infra.database import db
from comments_service.mail import digest
from comments_service.mail.outbox import deliver_due

MIN_PASSWORD = 12


@click.command("create-admin")
@with_appcontext
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_admin(name: str, password_stdin: bool) -> None:
    """Create an admin account, or set a new password for an existing one."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD:
        raise click.ClickException(f"the password needs at least {MIN_PASSWORD} characters")
    set_admin(name.strip(), password, utcnow())
    db.session.commit()
    click.echo(f"admin {name.strip()!r} can log in at /admin/login")


@click.command("unlock-admin")
@with_appcontext
@click.argument("name")
def unlock_admin(name: str) -> None:
    """Lift the lockouts of an admin account (from every client) after too many wrong passwords."""
    admin = db.session.scalar(db.select(Admin).where(Admin.name == name))
    if admin is None:
        raise click.ClickException(f"no admin named {name!r}")
    unlock(name)
    db.session.commit()
    click.echo(f"admin {name!r} is unlocked")


@click.command("send-mail")
@with_appcontext
def send_mail() -> None:
    """Send the mail that is due in the outbox, a due digest first (for cron: retries what failed before)."""
    listed = digest.send_if_due(utcnow())
    sent, failed = deliver_due()
    click.echo(f"sent {sent}, failed {failed}" + (f" (a digest of {listed} comment(s) among them)" if listed else ""))


@click.command("export")
@click.argument("file", type=click.File("w", encoding="utf-8"), default="-")
@with_appcontext
def export_command(file) -> None:
    """Write every comment (all states, with e-mail addresses) and the audit trail as JSON to FILE."""
    json.dump(export_data(utcnow()), file, ensure_ascii=False, indent=1)
    file.write("\n")


@click.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@with_appcontext
def import_command(file) -> None:
    """Restore a backup written by export; what is already stored is left as it is."""
    try:
        added = import_data(json.load(file), current_app.extensions["threads"], current_app.extensions["reserved_names"])
    except ValueError as exc:  # a bad row (BadRow), or not JSON at all: nothing is stored
        db.session.rollback()
        raise click.ClickException(f"not a valid backup: {exc}") from None
    except IntegrityError:
        db.session.rollback()
        raise click.ClickException("not a valid backup: a row breaks a rule of the database") from None
    db.session.commit()
    click.echo(f"added {added['comments']} comment(s), {added['audit']} audit entries and {added['endorsements']} endorsement(s)")
