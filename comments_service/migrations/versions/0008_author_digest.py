"""The author's digest: when the author was last mailed about each comment, and when the next digest goes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("comments") as batch:
        batch.add_column(sa.Column("author_mailed_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE comments SET author_mailed_at = created_at")  # mailed one by one before digests existed
    op.create_table(
        "author_digest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_author_digest")),
    )


def downgrade():
    op.drop_table("author_digest")
    with op.batch_alter_table("comments") as batch:
        batch.drop_column("author_mailed_at")
