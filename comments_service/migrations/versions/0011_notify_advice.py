"""A reader's opt-in for the mail when the author's advice is published.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN: a batch operation would rebuild the table on SQLite and drop its AUTOINCREMENT (0007).
    op.add_column("comments", sa.Column("notify_advice", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table("comments") as batch:
        batch.drop_column("notify_advice")
