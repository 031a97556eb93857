"""The author's advice per thread ("Ons advies"), held until it is published.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "advice",
        sa.Column("thread", sa.String(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("options", sa.String(length=500), nullable=False),
        sa.Column("state", sa.Enum("draft", "scheduled", "published", "withdrawn", name="advice_state", native_enum=False,
                                   length=16, create_constraint=True), nullable=False),
        sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("publish_after", sa.Integer(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("thread", name=op.f("pk_advice")),
    )


def downgrade():
    op.drop_table("advice")
