"""Writing many rows at once: COPY into PostgreSQL inside the session's transaction, and
upserts that work on SQLite and PostgreSQL alike.

asyncpg's COPY runs on the same connection as the session; the session's
transaction is opened first so that the copied rows commit (or roll back) with
everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel.ext.asyncio.session import AsyncSession


async def driver_connection(session: AsyncSession) -> Any:
    """The asyncpg connection under the session, inside the session's transaction."""
    connection = await session.connection()
    raw: Any = (await connection.get_raw_connection()).driver_connection
    if not raw.is_in_transaction():
        # SQLAlchemy's asyncpg adapter opens the transaction with its first statement.
        await connection.execute(text("SELECT 1"))
    return raw


async def copy_rows(
    session: AsyncSession, table: str, columns: Sequence[str], records: Sequence[tuple[Any, ...]]
) -> None:
    raw = await driver_connection(session)
    await raw.copy_records_to_table(table, records=records, columns=list(columns))


async def upsert(
    session: AsyncSession,
    table: Any,
    rows: Sequence[dict[str, Any]],
    keys: Sequence[str],
    *,
    update: bool = True,
) -> None:
    """Insert many rows at once; a row whose key exists replaces it (or, with
    ``update=False``, is left alone). SQLite and PostgreSQL alike."""
    if not rows:
        return
    bind = session.bind
    dialect_insert: Any = (
        sqlite_insert if bind is not None and bind.dialect.name == "sqlite" else postgresql_insert
    )
    statement = dialect_insert(table)
    if update:
        columns = [c for c in rows[0] if c not in keys]
        statement = statement.on_conflict_do_update(
            index_elements=list(keys),
            set_={c: getattr(statement.excluded, c) for c in columns},
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=list(keys))
    await session.exec(statement, params=list(rows))
