"""needs enrolments completions gap history proposal lifecycle recalculation queue

Revision ID: recommendation_0003
Revises: recommendation_0002
Create Date: 2026-11-29 19:21:49.583655
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import JsonDocument, UtcDateTime

revision: str = "recommendation_0003"
down_revision: str | None = "recommendation_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agency_need",
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("competency_code", sa.String(48), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("priority", sa.Float(), nullable=False),
        sa.Column("period", sa.String(32), nullable=False),
        sa.Column("survey_id", sa.String(64), nullable=False),
        sa.Column("aggregated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("agency_code", "competency_code"),
    )
    op.create_table(
        "completion",
        sa.Column("completion_id", sa.String(64), nullable=False),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("course_code", sa.String(64), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("jp", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("competencies", JsonDocument, nullable=False),
        sa.Column("completed_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("completion_id"),
    )
    with op.batch_alter_table("completion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_completion_agency_code"), ["agency_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_completion_nip"), ["nip"], unique=False)
        batch_op.create_index(batch_op.f("ix_completion_year"), ["year"], unique=False)

    op.create_table(
        "enrolment",
        sa.Column("enrolment_id", sa.String(64), nullable=False),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("course_code", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("proposal_id", sa.String(64), nullable=True),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("enrolment_id"),
    )
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrolment_nip"), ["nip"], unique=False)

    op.create_table(
        "gap_history",
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("competency_code", sa.String(48), nullable=False),
        sa.Column("valid_from", UtcDateTime(), nullable=False),
        sa.Column("valid_to", UtcDateTime(), nullable=True),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("required_level", sa.Integer(), nullable=False),
        sa.Column("current_level", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("nip", "competency_code", "valid_from"),
    )
    with op.batch_alter_table("gap_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_gap_history_agency_code"), ["agency_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_gap_history_valid_to"), ["valid_to"], unique=False)

    op.create_table(
        "pending_recalculation",
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("as_of", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("nip"),
    )
    op.create_table(
        "result_history",
        sa.Column("result_id", sa.String(36), nullable=False),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("competency_code", sa.String(48), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("evaluated_at", UtcDateTime(), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("method_rank", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("result_id"),
    )
    with op.batch_alter_table("result_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_result_history_nip"), ["nip"], unique=False)

    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("provider", sa.String(200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("prerequisites", JsonDocument, nullable=False, server_default="[]")
        )

    with op.batch_alter_table("gap", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("agency_code", sa.String(64), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_gap_agency_code"), ["agency_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_gap_status"), ["status"], unique=False)

    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("supervisor_nip", sa.String(18), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_placement_supervisor_nip"), ["supervisor_nip"], unique=False
        )

    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("jp", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("updated_at", UtcDateTime(), nullable=False, server_default=sa.func.now())
        )
        batch_op.add_column(sa.Column("decided_by", sa.String(200), nullable=True))
        batch_op.add_column(sa.Column("status_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_column("status_reason")
        batch_op.drop_column("decided_by")
        batch_op.drop_column("updated_at")
        batch_op.drop_column("jp")

    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_placement_supervisor_nip"))
        batch_op.drop_column("supervisor_nip")

    with op.batch_alter_table("gap", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gap_status"))
        batch_op.drop_index(batch_op.f("ix_gap_agency_code"))
        batch_op.drop_column("agency_code")

    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.drop_column("prerequisites")
        batch_op.drop_column("provider")

    with op.batch_alter_table("result_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_result_history_nip"))

    op.drop_table("result_history")
    op.drop_table("pending_recalculation")
    with op.batch_alter_table("gap_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gap_history_valid_to"))
        batch_op.drop_index(batch_op.f("ix_gap_history_agency_code"))

    op.drop_table("gap_history")
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrolment_nip"))

    op.drop_table("enrolment")
    with op.batch_alter_table("completion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_completion_year"))
        batch_op.drop_index(batch_op.f("ix_completion_nip"))
        batch_op.drop_index(batch_op.f("ix_completion_agency_code"))

    op.drop_table("completion")
    op.drop_table("agency_need")
