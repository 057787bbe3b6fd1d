"""Reads of plain rows beside the ORM.

``session.exec`` runs a select through the ORM layer (its compile state, then a loader
that builds each result row), even when it selects only columns. The hot reads of a
batch (recommendation's prefetches) run on the session's connection instead: the same
statement, types and transaction, none of that layer (~half of each read's CPU).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession


async def fetch_rows(
    session: AsyncSession, statement: Any, params: Mapping[str, Any] | None = None
) -> Sequence[Any]:
    """The rows of ``statement`` inside the session's transaction, after the ORM objects
    it holds are flushed (what ``session.exec`` would have done first). Each row is a
    tuple whose items are also read by column name."""
    await session.flush()
    connection = await session.connection()
    return (await connection.execute(statement, params or {})).all()
