"""Named locks held until the transaction ends, for work that replicas must not do
twice at once (a scheduled check, say)."""

from __future__ import annotations

import zlib

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


async def hold_until_commit(session: AsyncSession, name: str) -> None:
    """Wait for, then hold, the lock called ``name`` until commit or rollback.
    PostgreSQL: a transaction advisory lock. SQLite already lets one writer at a time."""
    bind = session.bind
    if bind is not None and bind.dialect.name == "postgresql":
        key = zlib.crc32(name.encode())
        connection = await session.connection()
        await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
