"""each row an import refuses carries a stable code beside its reason

Revision ID: evaluation_0007
Revises: evaluation_0006
Create Date: 2026-12-05 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "evaluation_0007"
down_revision: str | None = "evaluation_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Rows refused before this revision said why only in words.
    with op.batch_alter_table("import_error", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("code", sa.String(64), nullable=False, server_default="unclassified")
        )


def downgrade() -> None:
    with op.batch_alter_table("import_error", schema=None) as batch_op:
        batch_op.drop_column("code")
