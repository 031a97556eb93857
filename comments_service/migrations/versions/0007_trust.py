"""Trust, round two: ids never reused on SQLite, an address key that folds every letter's case, the
request a Idempotency-Key stored, admin sessions that end at logout, and login lockouts per client.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _address_key(address):
    return unicodedata.normalize("NFC", address.strip()).lower()


def upgrade():
    bind = op.get_bind()
    # The next comment id starts above every id a comment or the trail has ever named.
    highest = bind.execute(sa.text(
        "SELECT coalesce((SELECT max(id) FROM comments), 0), coalesce((SELECT max(comment_id) FROM audit_entries), 0)"
    )).one()
    highest = max(highest)
    if bind.dialect.name == "sqlite":
        # AUTOINCREMENT: SQLite otherwise gives the highest id again once its row is deleted. The tables
        # are rebuilt with their rows.
        for table in ("comments", "audit_entries"):
            with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
                pass
        bind.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = 'comments'"))
        bind.execute(sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES ('comments', :seq)"), {"seq": highest})
    elif highest:
        # A sequence never goes back, but rows restored with their own ids (SQL, an old import) do not move it.
        bind.execute(sa.text("SELECT setval(pg_get_serial_sequence('comments', 'id'), greatest(:seq, "
                             "(SELECT last_value FROM comments_id_seq)))"), {"seq": highest})

    with op.batch_alter_table("comments") as batch:
        batch.add_column(sa.Column("email_key", sa.String(length=254), nullable=True))
        batch.create_index(batch.f("ix_comments_email_key"), ["email_key"])
    for comment_id, email in bind.execute(sa.text("SELECT id, email FROM comments WHERE email IS NOT NULL")).all():
        bind.execute(sa.text("UPDATE comments SET email_key = :key WHERE id = :id"),
                     {"key": _address_key(email), "id": comment_id})

    with op.batch_alter_table("idempotency_keys") as batch:
        batch.add_column(sa.Column("request_hash", sa.String(length=64), nullable=True))

    with op.batch_alter_table("admins") as batch:
        batch.add_column(sa.Column("session_stamp", sa.String(length=32), nullable=False, server_default=""))
        batch.drop_column("failures")
        batch.drop_column("first_failure_at")
        batch.drop_column("locked_until")
    op.create_table(
        "login_attempts",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("client_hash", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("first_failure_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name", "client_hash", name=op.f("pk_login_attempts")),
    )


def downgrade():
    op.drop_table("login_attempts")
    with op.batch_alter_table("admins") as batch:
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("first_failure_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("failures", sa.Integer(), nullable=False, server_default="0"))
        batch.drop_column("session_stamp")
    with op.batch_alter_table("idempotency_keys") as batch:
        batch.drop_column("request_hash")
    with op.batch_alter_table("comments") as batch:
        batch.drop_index(batch.f("ix_comments_email_key"))
        batch.drop_column("email_key")
