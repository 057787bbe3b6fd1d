"""imports resume with their requester's rights, from the host holding the upload

Revision ID: evaluation_0006
Revises: evaluation_0005
Create Date: 2026-12-05 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import JsonDocument

revision: str = "evaluation_0006"
down_revision: str | None = "evaluation_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("import_job", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("requester_roles", JsonDocument, nullable=False, server_default="[]")
        )
        batch_op.add_column(
            sa.Column("requester_agencies", JsonDocument, nullable=False, server_default="[]")
        )
        batch_op.add_column(sa.Column("spooled_on", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_job", schema=None) as batch_op:
        batch_op.drop_column("spooled_on")
        batch_op.drop_column("requester_agencies")
        batch_op.drop_column("requester_roles")
