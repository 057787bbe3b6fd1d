"""survey campaigns, their respondents, answers and aggregated needs

Revision ID: survey_0003
Revises: survey_0002
Create Date: 2026-11-29 19:02:17.112978
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import JsonDocument, UtcDateTime

revision: str = "survey_0003"
down_revision: str | None = "survey_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "survey",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("agency_codes", JsonDocument, nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("extra_questions", JsonDocument, nullable=False),
        sa.Column("questionnaire", JsonDocument, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=True),
        sa.Column("opened_by", sa.String(200), nullable=True),
        sa.Column("opened_at", UtcDateTime(), nullable=True),
        sa.Column("closed_by", sa.String(200), nullable=True),
        sa.Column("closed_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_period"), ["period"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_status"), ["status"], unique=False)

    op.create_table(
        "agency_needs",
        sa.Column("survey_id", sa.String(36), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.Column("respondents", sa.Integer(), nullable=False),
        sa.Column("needs", JsonDocument, nullable=False),
        sa.Column("aggregated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["survey.id"],
        ),
        sa.PrimaryKeyConstraint("survey_id", "agency_code"),
    )
    with op.batch_alter_table("agency_needs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agency_needs_agency_code"), ["agency_code"], unique=False
        )

    op.create_table(
        "survey_agency",
        sa.Column("survey_id", sa.String(36), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["survey.id"],
        ),
        sa.PrimaryKeyConstraint("survey_id", "agency_code"),
    )
    with op.batch_alter_table("survey_agency", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_agency_agency_code"), ["agency_code"], unique=False
        )

    op.create_table(
        "survey_respondent",
        sa.Column("survey_id", sa.String(36), nullable=False),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("survey_agency", sa.String(64), nullable=False),
        sa.Column("position_code", sa.String(64), nullable=False),
        sa.Column("supervisor_nip", sa.String(18), nullable=True),
        sa.Column("required", JsonDocument, nullable=False),
        sa.Column("has_standard", sa.Boolean(), nullable=False),
        sa.Column("added_by", sa.String(200), nullable=False),
        sa.Column("added_at", UtcDateTime(), nullable=False),
        sa.Column("excluded_by", sa.String(200), nullable=True),
        sa.Column("excluded_at", UtcDateTime(), nullable=True),
        sa.Column("exclusion_reason", sa.String(500), nullable=True),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["survey.id"],
        ),
        sa.PrimaryKeyConstraint("survey_id", "nip"),
    )
    with op.batch_alter_table("survey_respondent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_respondent_nip"), ["nip"], unique=False)
        batch_op.create_index(
            "ix_survey_respondent_supervisor", ["survey_id", "supervisor_nip"], unique=False
        )
        batch_op.create_index(
            "ix_survey_respondent_survey_agency", ["survey_id", "survey_agency"], unique=False
        )

    op.create_table(
        "supervisor_rating",
        sa.Column("survey_id", sa.String(36), nullable=False),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("levels", JsonDocument, nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("rated_by", sa.String(200), nullable=False),
        sa.Column("rated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id", "nip"],
            ["survey_respondent.survey_id", "survey_respondent.nip"],
        ),
        sa.PrimaryKeyConstraint("survey_id", "nip"),
    )
    op.create_table(
        "survey_response",
        sa.Column("survey_id", sa.String(36), nullable=False),
        sa.Column("nip", sa.String(18), nullable=False),
        sa.Column("answers", JsonDocument, nullable=False),
        sa.Column("extra_answers", JsonDocument, nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("answered_by", sa.String(200), nullable=False),
        sa.Column("answered_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id", "nip"],
            ["survey_respondent.survey_id", "survey_respondent.nip"],
        ),
        sa.PrimaryKeyConstraint("survey_id", "nip"),
    )


def downgrade() -> None:
    op.drop_table("survey_response")
    op.drop_table("supervisor_rating")
    with op.batch_alter_table("survey_respondent", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_respondent_survey_agency")
        batch_op.drop_index("ix_survey_respondent_supervisor")
        batch_op.drop_index(batch_op.f("ix_survey_respondent_nip"))

    op.drop_table("survey_respondent")
    with op.batch_alter_table("survey_agency", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_agency_agency_code"))

    op.drop_table("survey_agency")
    with op.batch_alter_table("agency_needs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agency_needs_agency_code"))

    op.drop_table("agency_needs")
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_status"))
        batch_op.drop_index(batch_op.f("ix_survey_period"))

    op.drop_table("survey")
