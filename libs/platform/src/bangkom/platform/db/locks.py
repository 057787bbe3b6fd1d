"""Named locks for work that must not run twice at once: held until the transaction
ends (a scheduled check on several replicas, two recalculations of one employee), or
for as long as some long work runs (an import, across its many transactions)."""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import AsyncIterator

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from bangkom.platform.db.database import Database
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


async def try_hold_until_commit(session: AsyncSession, *names: str) -> set[str]:
    """Those of the locks called ``names`` that no other transaction holds, taken and held
    until commit or rollback; the others are left at once (never waited for, so the
    order they are asked in cannot deadlock).

    PostgreSQL: transaction advisory locks. SQLite already lets one writer at a time:
    every name is granted."""
    if not names or not on_postgresql(session):
        return set(names)
    by_key: dict[int, list[str]] = {}
    for name in set(names):
        by_key.setdefault(zlib.crc32(name.encode()), []).append(name)
    connection = await session.connection()
    taken = await connection.execute(
        text(
            "SELECT key FROM unnest(CAST(:keys AS bigint[])) AS key "
            "WHERE pg_try_advisory_xact_lock(key)"
        ),
        {"keys": sorted(by_key)},
    )
    return {name for (key,) in taken for name in by_key[key]}


@contextlib.asynccontextmanager
async def exclusive(database: Database, name: str) -> AsyncIterator[bool]:
    """Yield True while this process alone holds the lock called ``name``, False at once
    when another holds it.

    PostgreSQL: a session advisory lock on a connection of its own, kept for the whole
    block: a process that dies (kill -9) lets go with its connection, so another can take
    the work over at once. SQLite: one process owns the database; a name held in memory."""
    if database.is_sqlite:
        if name in database.held:
            yield False
            return
        database.held.add(name)
        try:
            yield True
        finally:
            database.held.discard(name)
        return
    key = zlib.crc32(name.encode())
    async with database.engine.connect() as connection:
        acquired = await connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": key})
        await connection.commit()
        try:
            yield bool(acquired)
        finally:
            if acquired:
                with contextlib.suppress(Exception):  # a dead connection let go already
                    await connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                    await connection.commit()
