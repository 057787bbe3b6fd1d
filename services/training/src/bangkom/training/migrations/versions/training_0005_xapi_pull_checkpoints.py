"""xAPI: how far the statements of another LRS have been pulled

Revision ID: training_0005
Revises: training_0004
Create Date: 2026-12-05 19:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import UtcDateTime

revision: str = "training_0005"
down_revision: str | None = "training_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "xapi_pull",
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("since", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source"),
    )


def downgrade() -> None:
    op.drop_table("xapi_pull")
