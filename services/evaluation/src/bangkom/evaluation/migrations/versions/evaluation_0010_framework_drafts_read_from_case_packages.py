"""framework drafts read from CASE packages, published by an admin as the next version

Revision ID: evaluation_0010
Revises: evaluation_0009
Create Date: 2026-12-05 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import JsonDocument, UtcDateTime

revision: str = "evaluation_0010"
down_revision: str | None = "evaluation_0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "framework_draft",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("source_identifier", sa.String(200), nullable=False),
        sa.Column("source_title", sa.String(500), nullable=False),
        sa.Column("competencies", JsonDocument, nullable=False),
        sa.Column("skipped", JsonDocument, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("published_version", sa.Integer(), nullable=True),
        sa.Column("published_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("framework_draft", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_framework_draft_created_at"), ["created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("framework_draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_framework_draft_created_at"))
    op.drop_table("framework_draft")
