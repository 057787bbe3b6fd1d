"""xAPI: learning platforms, their statements, activity and actor mappings

Revision ID: training_0004
Revises: training_0003
Create Date: 2026-12-05 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import JsonDocument, UtcDateTime

revision: str = "training_0004"
down_revision: str | None = "training_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "xapi_platform",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("secret_digest", sa.String(64), nullable=False),
        sa.Column("registered_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "xapi_activity",
        sa.Column("activity_id", sa.String(500), nullable=False),
        sa.Column("course_code", sa.String(64), nullable=False),
        sa.Column("mapped_by", sa.String(200), nullable=False),
        sa.Column("mapped_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("activity_id"),
    )
    op.create_table(
        "xapi_actor",
        sa.Column("mbox", sa.String(320), nullable=False),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("registered_by", sa.String(200), nullable=False),
        sa.Column("registered_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("mbox"),
    )
    op.create_index("ix_xapi_actor_nip", "xapi_actor", ["nip"])
    op.create_table(
        "xapi_statement",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("platform_code", sa.String(64), nullable=False),
        sa.Column("content", JsonDocument, nullable=False),
        sa.Column("verb_id", sa.String(500), nullable=False),
        sa.Column("activity_id", sa.String(500), nullable=False),
        sa.Column("account_name", sa.String(200), nullable=True),
        sa.Column("mbox", sa.String(320), nullable=True),
        sa.Column("success", sa.Boolean(), nullable=True),
        sa.Column("timestamp", UtcDateTime(), nullable=False),
        sa.Column("registration", sa.String(36), nullable=True),
        sa.Column("stored_at", UtcDateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(300), nullable=True),
        sa.Column("completion_id", sa.String(36), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("activity_id", "account_name", "mbox", "stored_at", "status"):
        op.create_index(f"ix_xapi_statement_{column}", "xapi_statement", [column])


def downgrade() -> None:
    op.drop_table("xapi_statement")
    op.drop_index("ix_xapi_actor_nip", "xapi_actor")
    op.drop_table("xapi_actor")
    op.drop_table("xapi_activity")
    op.drop_table("xapi_platform")
