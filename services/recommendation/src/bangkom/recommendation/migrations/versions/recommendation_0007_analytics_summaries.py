"""per-agency summaries of the current analytics figures, and the marks of agencies to
recompute (every agency at first: the summary worker fills them)

Revision ID: recommendation_0007
Revises: recommendation_0006
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "recommendation_0007"
down_revision: str | None = "recommendation_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "analytics_mark",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("agency_code", sa.String(64), nullable=False),
    )
    op.create_index("ix_analytics_mark_agency_code", "analytics_mark", ["agency_code"])
    op.create_table(
        "gap_summary",
        sa.Column("agency_code", sa.String(64), primary_key=True),
        sa.Column("competency_code", sa.String(48), primary_key=True),
        sa.Column("competency_name", sa.String(200), nullable=False),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in ("employees", "met", "open", "unknown", "gap_sum")
        ),
    )
    op.create_table(
        "jpm_summary",
        sa.Column("agency_code", sa.String(64), primary_key=True),
        sa.Column("met", sa.Integer(), primary_key=True),
        sa.Column("required", sa.Integer(), primary_key=True),
        sa.Column("assessed", sa.Integer(), primary_key=True),
        sa.Column("employees", sa.Integer(), nullable=False),
    )
    op.create_table(
        "jp_compliance_summary",
        sa.Column("agency_code", sa.String(64), primary_key=True),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in (
                "year",
                "target",
                "employees",
                "below_target",
                "jp_missing",
                "jp_total",
            )
        ),
    )
    # Every agency with staff is to be summed: until the worker has, reads take the
    # GROUP BY for it, as before.
    op.execute(
        "INSERT INTO analytics_mark (agency_code) SELECT DISTINCT agency_code FROM placement"
    )


def downgrade() -> None:
    op.drop_table("jp_compliance_summary")
    op.drop_table("jpm_summary")
    op.drop_table("gap_summary")
    op.drop_index("ix_analytics_mark_agency_code", table_name="analytics_mark")
    op.drop_table("analytics_mark")
