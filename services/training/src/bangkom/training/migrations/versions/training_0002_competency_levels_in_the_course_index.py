"""competency levels in the course index (search by current and target level)

Revision ID: training_0002
Revises: training_0001
Create Date: 2026-11-29 19:04:12.739866
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bangkom.platform.db.types import JsonDocument

revision: str = "training_0002"
down_revision: str | None = "training_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

course = sa.table("course", sa.column("code", sa.String()), sa.column("competencies", JsonDocument))
course_competency = sa.table(
    "course_competency",
    sa.column("course_code", sa.String()),
    sa.column("competency_code", sa.String()),
    sa.column("level_from", sa.Integer()),
    sa.column("level_to", sa.Integer()),
)


def upgrade() -> None:
    with op.batch_alter_table("course_competency", schema=None) as batch_op:
        batch_op.add_column(sa.Column("level_from", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("level_to", sa.Integer(), nullable=True))
    # Existing courses keep their steps in course.competencies: copy the levels over
    # before the columns become required.
    connection = op.get_bind()
    for code, steps in connection.execute(sa.select(course.c.code, course.c.competencies)).all():
        for step in steps:
            connection.execute(
                sa.update(course_competency)
                .where(
                    course_competency.c.course_code == code,
                    course_competency.c.competency_code == step["competency_code"],
                )
                .values(level_from=step["level_from"], level_to=step["level_to"])
            )
    with op.batch_alter_table("course_competency", schema=None) as batch_op:
        batch_op.alter_column("level_from", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("level_to", existing_type=sa.Integer(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("course_competency", schema=None) as batch_op:
        batch_op.drop_column("level_to")
        batch_op.drop_column("level_from")
