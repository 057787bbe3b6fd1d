"""post-training evaluations

Revision ID: evaluation_0004
Revises: evaluation_0003
Create Date: 2026-11-29 19:07:33.543235
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import JsonDocument, UtcDateTime

revision: str = "evaluation_0004"
down_revision: str | None = "evaluation_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "training_evaluation",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("completion_id", sa.String(64), nullable=False),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("course_code", sa.String(64), nullable=False),
        sa.Column("competencies", JsonDocument, nullable=False),
        sa.Column("completed_at", UtcDateTime(), nullable=False),
        sa.Column("due_at", UtcDateTime(), nullable=False),
        sa.Column("behaviour_recorded_at", UtcDateTime(), nullable=True),
        sa.Column("records", JsonDocument, nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("completion_id"),
    )
    with op.batch_alter_table("training_evaluation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_evaluation_agency_code"), ["agency_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_training_evaluation_due_at"), ["due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_evaluation_nip"), ["nip"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("training_evaluation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_evaluation_nip"))
        batch_op.drop_index(batch_op.f("ix_training_evaluation_due_at"))
        batch_op.drop_index(batch_op.f("ix_training_evaluation_agency_code"))

    op.drop_table("training_evaluation")
