"""import jobs and the natural key of results

Revision ID: evaluation_0003
Revises: evaluation_0002
Create Date: 2026-11-29 19:04:07.694655
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import UtcDateTime

revision: str = "evaluation_0003"
down_revision: str | None = "evaluation_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_error",
        sa.Column("job_id", sa.String(36), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("column", sa.String(64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("job_id", "row"),
    )
    op.create_table(
        "import_job",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("filename", sa.String(300), nullable=False),
        sa.Column("requested_by", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_stored", sa.Integer(), nullable=False),
        sa.Column("rows_unchanged", sa.Integer(), nullable=False),
        sa.Column("rows_rejected", sa.Integer(), nullable=False),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.Column("failure", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("import_job", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_job_requested_by"), ["requested_by"], unique=False
        )

    with op.batch_alter_table("assessment_result", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            "uq_assessment_result_natural", ["nip", "competency_code", "method", "evaluated_at"]
        )


def downgrade() -> None:
    with op.batch_alter_table("assessment_result", schema=None) as batch_op:
        batch_op.drop_constraint("uq_assessment_result_natural", type_="unique")

    with op.batch_alter_table("import_job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_job_requested_by"))

    op.drop_table("import_job")
    op.drop_table("import_error")
