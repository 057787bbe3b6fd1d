"""agencies framework versions technical competencies position types

Revision ID: evaluation_0002
Revises: evaluation_0001
Create Date: 2026-11-29 18:56:43.283352
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import JsonDocument, UtcDateTime

revision: str = "evaluation_0002"
down_revision: str | None = "evaluation_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agency",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("parent_code", sa.String(64), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agency_parent_code"), ["parent_code"], unique=False)

    op.create_table(
        "framework_version",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("document", JsonDocument, nullable=False),
        sa.Column("published_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("version"),
    )
    op.create_table(
        "technical_competency",
        sa.Column("code", sa.String(48), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("levels", JsonDocument, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    with op.batch_alter_table("technical_competency", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_technical_competency_agency_code"), ["agency_code"], unique=False
        )

    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.add_column(sa.Column("supervisor_nip", sa.String(18), nullable=True))

    with op.batch_alter_table("position", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("position_type", sa.String(32), nullable=False, server_default="pelaksana")
        )
        batch_op.add_column(
            sa.Column("overrides", JsonDocument, nullable=False, server_default="{}")
        )
        batch_op.add_column(
            sa.Column("technical", JsonDocument, nullable=False, server_default="{}")
        )
        batch_op.add_column(
            sa.Column("framework_version", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.create_index(
            batch_op.f("ix_position_position_type"), ["position_type"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("position", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_position_position_type"))
        batch_op.drop_column("framework_version")
        batch_op.drop_column("technical")
        batch_op.drop_column("overrides")
        batch_op.drop_column("position_type")

    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.drop_column("supervisor_nip")

    with op.batch_alter_table("technical_competency", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_technical_competency_agency_code"))

    op.drop_table("technical_competency")
    op.drop_table("framework_version")
    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agency_parent_code"))

    op.drop_table("agency")
