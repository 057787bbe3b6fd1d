"""technical competencies relate to managerial and socio-cultural ones (CASE isRelatedTo)

Revision ID: evaluation_0009
Revises: evaluation_0008
Create Date: 2026-12-05 18:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import JsonDocument

revision: str = "evaluation_0009"
down_revision: str | None = "evaluation_0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("technical_competency", schema=None) as batch_op:
        batch_op.add_column(sa.Column("related", JsonDocument, nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("technical_competency", schema=None) as batch_op:
        batch_op.drop_column("related")
