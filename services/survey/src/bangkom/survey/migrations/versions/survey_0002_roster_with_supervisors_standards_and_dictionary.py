"""roster with supervisors, standards and the competency dictionary

The roster table is renamed (its rows are kept: the roster topic's offsets are
already committed, so dropping it would lose the roster). Supervisors of employees
already known stay empty until the roster publishes them again.

Revision ID: survey_0002
Revises: survey_0001
Create Date: 2026-11-29 19:02:17.112978
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import JsonDocument, UtcDateTime

revision: str = "survey_0002"
down_revision: str | None = "survey_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.rename_table("respondent", "employee")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE employee RENAME CONSTRAINT respondent_pkey TO employee_pkey")
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.add_column(sa.Column("supervisor_nip", sa.String(18), nullable=True))
        batch_op.drop_index("ix_respondent_agency_code")
        batch_op.create_index(batch_op.f("ix_employee_agency_code"), ["agency_code"], unique=False)

    op.create_table(
        "position_standard",
        sa.Column("position_code", sa.String(64), nullable=False),
        sa.Column("position_name", sa.String(200), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("required", JsonDocument, nullable=False),
        sa.Column("names", JsonDocument, nullable=False),
        sa.Column("published_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("position_code"),
    )
    with op.batch_alter_table("position_standard", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_position_standard_agency_code"), ["agency_code"], unique=False
        )

    op.create_table(
        "competency",
        sa.Column("code", sa.String(48), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("competency_group", sa.String(32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("levels", JsonDocument, nullable=False),
        sa.Column("changed_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("code"),
    )


def downgrade() -> None:
    op.drop_table("competency")
    with op.batch_alter_table("position_standard", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_position_standard_agency_code"))

    op.drop_table("position_standard")
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employee_agency_code"))
        batch_op.create_index("ix_respondent_agency_code", ["agency_code"], unique=False)
        batch_op.drop_column("supervisor_nip")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE employee RENAME CONSTRAINT employee_pkey TO respondent_pkey")
    op.rename_table("employee", "respondent")
