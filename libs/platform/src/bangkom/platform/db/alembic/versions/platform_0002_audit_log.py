"""audit log of every service

Revision ID: platform_0002
Revises: platform_0001
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import UtcDateTime

revision: str = "platform_0002"
down_revision: str | None = "platform_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("entry_id", sa.String(36), nullable=False, unique=True),
        sa.Column("occurred_at", UtcDateTime(), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("object_type", sa.String(100), nullable=False),
        sa.Column("object_key", sa.String(200), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=True),
        sa.Column("actor_subject", sa.String(200), nullable=False),
        sa.Column("actor_roles", sa.Text(), nullable=False),
        sa.Column("actor_agencies", sa.Text(), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
    )
    op.create_index("ix_audit_log_occurred_at", "audit_log", ["occurred_at"])
    op.create_index("ix_audit_log_object", "audit_log", ["object_type", "object_key"])
    op.create_index("ix_audit_log_agency", "audit_log", ["agency_code"])


def downgrade() -> None:
    op.drop_table("audit_log")
