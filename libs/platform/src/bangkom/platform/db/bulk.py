"""COPY into PostgreSQL inside the session's transaction: how large batches are written.

asyncpg's COPY runs on the same connection as the session; the session's
transaction is opened first so that the copied rows commit (or roll back) with
everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
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
