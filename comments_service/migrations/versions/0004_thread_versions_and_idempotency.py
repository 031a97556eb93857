"""A version per thread (for caches across workers) and idempotency keys for posting.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "thread_versions",
        sa.Column("thread", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("thread", name=op.f("pk_thread_versions")),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("client_hash", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"], name=op.f("fk_idempotency_keys_comment_id_comments"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("client_hash", "key", name=op.f("pk_idempotency_keys")),
    )


def downgrade():
    op.drop_table("idempotency_keys")
    op.drop_table("thread_versions")
