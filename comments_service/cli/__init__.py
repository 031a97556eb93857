"""The command line of the author and the operator (`flask --app comments_service ...`)."""

from __future__ import annotations

from flask import Flask

from comments_service.cli.accounts import create_admin, export_command, import_command, send_mail, unlock_admin
from comments_service.cli.advice import advice
from comments_service.cli.commands import comments, serve_command, snapshot_command


def register(app: Flask) -> None:
    """Add the commands to `flask --app comments_service`."""
    for command in (comments, advice, serve_command, snapshot_command, create_admin, unlock_admin, send_mail, export_command,
                    import_command):
        app.cli.add_command(command)
