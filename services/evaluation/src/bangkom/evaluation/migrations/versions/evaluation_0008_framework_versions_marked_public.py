"""framework versions marked public: readable without a token at the CASE paths

Revision ID: evaluation_0008
Revises: evaluation_0007
Create Date: 2026-12-05 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "evaluation_0008"
down_revision: str | None = "evaluation_0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("framework_version", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("public", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("framework_version", schema=None) as batch_op:
        batch_op.drop_column("public")
