"""Readers' mail: the opt-in per comment, the addresses (confirmed, unsubscribed), and mail headers.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("comments") as batch:
        batch.add_column(sa.Column("notify_replies", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("headers", sa.Text(), nullable=True))
    op.create_table(
        "mail_addresses",
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("unsubscribed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmation_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("data_link_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("address", name=op.f("pk_mail_addresses")),
    )


def downgrade():
    op.drop_table("mail_addresses")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("headers")
    with op.batch_alter_table("comments") as batch:
        batch.drop_column("notify_replies")
