"""sessions, enrolments, completions (the JP ledger), roster and needs read models

Revision ID: training_0003
Revises: training_0002
Create Date: 2026-11-29 19:04:12.739866
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import JsonDocument, UtcDateTime

revision: str = "training_0003"
down_revision: str | None = "training_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agency_needs",
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("period", sa.String(32), nullable=False),
        sa.Column("survey_id", sa.String(64), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.Column("needs", JsonDocument, nullable=False),
        sa.Column("aggregated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("agency_code", "period"),
    )
    op.create_table(
        "completion",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("jp", sa.Integer(), nullable=False),
        sa.Column("jp_credited", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(32), nullable=False),
        sa.Column("competencies", JsonDocument, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("reference", sa.String(200), nullable=True),
        sa.Column("course_code", sa.String(64), nullable=True),
        sa.Column("session_code", sa.String(64), nullable=True),
        sa.Column("enrolment_id", sa.String(36), nullable=True),
        sa.Column("proposal_id", sa.String(64), nullable=True),
        sa.Column("completed_at", UtcDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("recorded_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("enrolment_id"),
        sa.UniqueConstraint("nip", "source", "reference", name="uq_completion_reported"),
    )
    with op.batch_alter_table("completion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_completion_agency_code"), ["agency_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_completion_course_code"), ["course_code"], unique=False
        )
        batch_op.create_index("ix_completion_nip_year", ["nip", "year"], unique=False)
        batch_op.create_index("ix_completion_year", ["year"], unique=False)

    op.create_table(
        "compliance_alert",
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("behind", sa.Boolean(), nullable=False),
        sa.Column("checked_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("agency_code", "year"),
    )
    op.create_table(
        "course_session",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("course_code", sa.String(64), nullable=False),
        sa.Column("batch", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("enrolment_opens_at", UtcDateTime(), nullable=False),
        sa.Column("enrolment_closes_at", UtcDateTime(), nullable=False),
        sa.Column("location", sa.String(300), nullable=True),
        sa.Column("online_url", sa.String(500), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
        sa.UniqueConstraint("course_code", "batch", name="uq_course_session_batch"),
    )
    with op.batch_alter_table("course_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_course_session_course_code"), ["course_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_course_session_status"), ["status"], unique=False)

    op.create_table(
        "employee",
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("employment_type", sa.String(8), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("position_code", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("nip"),
    )
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_employee_agency_code"), ["agency_code"], unique=False)

    op.create_table(
        "enrolment",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("session_code", sa.String(64), nullable=False),
        sa.Column("course_code", sa.String(64), nullable=False),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("queue_number", sa.Integer(), nullable=False),
        sa.Column("enrolled_by", sa.String(200), nullable=False),
        sa.Column("requested_at", UtcDateTime(), nullable=False),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
        sa.Column("proposal_id", sa.String(64), nullable=True),
        sa.Column("reason", sa.String(500), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_code", "nip", name="uq_enrolment_session_nip"),
        sa.UniqueConstraint("session_code", "queue_number", name="uq_enrolment_session_queue"),
    )
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrolment_agency_code"), ["agency_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_enrolment_course_code"), ["course_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_enrolment_nip"), ["nip"], unique=False)
        batch_op.create_index(batch_op.f("ix_enrolment_proposal_id"), ["proposal_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_enrolment_session_code"), ["session_code"], unique=False
        )

    op.create_table(
        "enrolment_request",
        sa.Column("proposal_id", sa.String(64), nullable=False),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("course_code", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("requested_at", UtcDateTime(), nullable=False),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
        sa.Column("enrolment_id", sa.String(36), nullable=True),
        sa.Column("reason", sa.String(500), nullable=True),
        sa.PrimaryKeyConstraint("proposal_id"),
    )
    with op.batch_alter_table("enrolment_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_enrolment_request_agency_code"), ["agency_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_enrolment_request_course_code"), ["course_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_enrolment_request_nip"), ["nip"], unique=False)
        batch_op.create_index(batch_op.f("ix_enrolment_request_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("enrolment_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrolment_request_status"))
        batch_op.drop_index(batch_op.f("ix_enrolment_request_nip"))
        batch_op.drop_index(batch_op.f("ix_enrolment_request_course_code"))
        batch_op.drop_index(batch_op.f("ix_enrolment_request_agency_code"))

    op.drop_table("enrolment_request")
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrolment_session_code"))
        batch_op.drop_index(batch_op.f("ix_enrolment_proposal_id"))
        batch_op.drop_index(batch_op.f("ix_enrolment_nip"))
        batch_op.drop_index(batch_op.f("ix_enrolment_course_code"))
        batch_op.drop_index(batch_op.f("ix_enrolment_agency_code"))

    op.drop_table("enrolment")
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employee_agency_code"))

    op.drop_table("employee")
    with op.batch_alter_table("course_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_session_status"))
        batch_op.drop_index(batch_op.f("ix_course_session_course_code"))

    op.drop_table("course_session")
    op.drop_table("compliance_alert")
    with op.batch_alter_table("completion", schema=None) as batch_op:
        batch_op.drop_index("ix_completion_year")
        batch_op.drop_index("ix_completion_nip_year")
        batch_op.drop_index(batch_op.f("ix_completion_course_code"))
        batch_op.drop_index(batch_op.f("ix_completion_agency_code"))

    op.drop_table("completion")
    op.drop_table("agency_needs")
