"""Readers endorsing published answers ("Dit zou ik ook doen"): one row per reader key and comment (the counts are
counted from them, in the cached reads), and a counter per thread of endorsements taken back, which the read cache
follows (with the newest endorsement's id) at most once a second.
No index on the time: every index is one more page each endorsement writes (the purge reads the times once a day).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "endorsements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("reader_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"], name=op.f("fk_endorsements_comment_id_comments"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endorsements")),
        sa.UniqueConstraint("comment_id", "reader_hash", name=op.f("uq_endorsements_comment_id")),
    )  # no AUTOINCREMENT: nothing names an endorsement by its id, and its counter would be one more page per write
    # A plain ADD COLUMN: a batch operation would rebuild the table on SQLite and drop its AUTOINCREMENT (0007).
    op.add_column("thread_versions", sa.Column("endorsed", sa.Integer(), server_default="0", nullable=False))


def downgrade():
    with op.batch_alter_table("thread_versions") as batch:
        batch.drop_column("endorsed")
    op.drop_table("endorsements")
