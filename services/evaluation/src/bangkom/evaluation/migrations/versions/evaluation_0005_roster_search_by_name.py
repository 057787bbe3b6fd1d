"""roster search by name: a trigram index on the lower-cased name (PostgreSQL)

Revision ID: evaluation_0005
Revises: evaluation_0004
Create Date: 2026-12-05 10:00:00

GET /employees?q= searches a part of the name with lower(name) LIKE '%...%'; on
PostgreSQL a GIN trigram index answers it without reading the roster (pg_trgm is a
trusted extension: the database's owner may create it). A NIP prefix is a range on
the primary key and needs nothing new. SQLite (one city, embedded) scans.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "evaluation_0005"
down_revision: str | None = "evaluation_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_employee_name_trgm "
        "ON employee USING gin (lower(name) gin_trgm_ops)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_employee_name_trgm")
