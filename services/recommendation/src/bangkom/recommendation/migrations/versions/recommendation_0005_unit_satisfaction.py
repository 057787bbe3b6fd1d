"""the public's satisfaction per service unit and SKM period

Revision ID: recommendation_0005
Revises: recommendation_0004
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import JsonDocument, UtcDateTime

revision: str = "recommendation_0005"
down_revision: str | None = "recommendation_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "unit_satisfaction",
        sa.Column("unit_code", sa.String(64), primary_key=True),
        sa.Column("period", sa.String(64), primary_key=True),
        sa.Column("respondents", sa.Integer(), nullable=False),
        sa.Column("sample_sufficient", sa.Boolean(), nullable=False),
        sa.Column("converted", sa.Float(), nullable=False),
        sa.Column("spread", sa.Float(), nullable=True),
        sa.Column("elements", JsonDocument, nullable=False),
        sa.Column("closed_at", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("unit_satisfaction")
