"""employment type of placements

Revision ID: recommendation_0004
Revises: recommendation_0003
Create Date: 2026-11-29 20:03:55.974846
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "recommendation_0004"
down_revision: str | None = "recommendation_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("placement", schema=None) as batch_op:
        # Existing placements were PNS or PPPK; a PPPK's NIP says so (digits 13-14 = 21).
        batch_op.add_column(
            sa.Column("employment_type", sa.String(8), nullable=False, server_default="PNS")
        )
    op.execute("UPDATE placement SET employment_type = 'PPPK' WHERE substr(nip, 13, 2) = '21'")


def downgrade() -> None:
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_column("employment_type")
