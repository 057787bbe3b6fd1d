"""result precedence of current levels

Revision ID: recommendation_0002
Revises: recommendation_0001
Create Date: 2026-11-29 18:50:53.326656
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "recommendation_0002"
down_revision: str | None = "recommendation_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("competency_level", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("period", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
        batch_op.add_column(
            sa.Column("method_rank", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )


def downgrade() -> None:
    with op.batch_alter_table("competency_level", schema=None) as batch_op:
        batch_op.drop_column("method_rank")
        batch_op.drop_column("period")
