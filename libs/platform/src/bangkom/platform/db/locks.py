"""Named locks held until the transaction ends, for work that must not run twice at
once (a scheduled check on several replicas, two recalculations of one employee)."""

from __future__ import annotations

import zlib

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from bangkom.platform.db.lists import on_postgresql


async def hold_until_commit(session: AsyncSession, *names: str, shared: bool = False) -> None:
    """Wait for, then hold, the locks called ``names`` until commit or rollback; a
    ``shared`` lock waits only for exclusive holders, an exclusive one for any.

    PostgreSQL: transaction advisory locks, taken in one statement in key order so that
    two transactions asking for overlapping sets cannot deadlock. SQLite already lets
    one writer at a time."""
    if not names or not on_postgresql(session):
        return
    keys = sorted({zlib.crc32(name.encode()) for name in names})
    function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    connection = await session.connection()
    await connection.execute(
        text(
            f"SELECT {function}(key) "
            "FROM (SELECT unnest(CAST(:keys AS bigint[])) AS key ORDER BY 1) AS wanted"
        ),
        {"keys": keys},
    )
