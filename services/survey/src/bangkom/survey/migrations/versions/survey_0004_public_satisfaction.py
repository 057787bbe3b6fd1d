"""public satisfaction (SKM) periods and the public's answers

Revision ID: survey_0004
Revises: survey_0003
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import JsonDocument, UtcDateTime

revision: str = "survey_0004"
down_revision: str | None = "survey_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "satisfaction_period",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("unit_code", sa.String(64), nullable=False),
        sa.Column("label", sa.String(64), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("opened_by", sa.String(200), nullable=False),
        sa.Column("opened_at", UtcDateTime(), nullable=False),
        sa.Column("closed_at", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_satisfaction_period_unit_code", "satisfaction_period", ["unit_code"])
    op.create_table(
        "public_response",
        sa.Column(
            "period_id",
            sa.String(36),
            sa.ForeignKey("satisfaction_period.id"),
            primary_key=True,
        ),
        sa.Column("submission_id", sa.String(36), primary_key=True),
        sa.Column("ratings", JsonDocument, nullable=False),
        sa.Column("respondent", JsonDocument, nullable=False),
        sa.Column("suggestion", sa.Text(), nullable=False),
        sa.Column("submitted_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("public_response")
    op.drop_index("ix_satisfaction_period_unit_code", table_name="satisfaction_period")
    op.drop_table("satisfaction_period")
