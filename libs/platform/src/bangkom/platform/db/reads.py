"""Reads of plain rows beside the ORM.

``session.exec`` runs a select through the ORM layer (its compile state, then a loader
that builds each result row), even when it selects only columns. The hot reads of a
batch (recommendation's prefetches) run on the session's connection instead: the same
statement, types and transaction, none of that layer (~half of each read's CPU). A
statement built once (``reused``; ``fetch_listed``'s always are) runs by the driver
alone when its types allow (db.direct).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.direct import fetch_direct
from bangkom.platform.db.lists import LISTED, on_postgresql


async def fetch_rows(
    session: AsyncSession,
    statement: Any,
    params: Mapping[str, Any] | None = None,
    *,
    reused: bool = False,
    begin: bool = True,
) -> Sequence[Any]:
    """The rows of ``statement`` inside the session's transaction, after the ORM objects
    it holds are flushed (what ``session.exec`` would have done first). Each row is a
    tuple whose items are also read by column name. ``reused``: the statement object is
    built once and run again and again (else the driver's path would compile it anew).
    ``begin=False``: a read that needs no transaction of its own runs without beginning
    one when none has begun (``db.direct.driver_of``)."""
    await session.flush()
    connection = await session.connection()
    if (
        reused
        and (rows := await fetch_direct(connection, statement, params or {}, begin=begin))
        is not None
    ):
        return rows
    return (await connection.execute(statement, params or {})).all()


async def fetch_listed(
    session: AsyncSession,
    statement_for: Callable[[bool], Any],
    values: Iterable[Any],
    *,
    begin: bool = True,
) -> Sequence[Any]:
    """``fetch_rows`` of a statement that selects with ``listed``, built once per dialect
    by ``statement_for(postgresql)``, for these values."""
    statement = statement_for(on_postgresql(session))
    return await fetch_rows(session, statement, {LISTED: list(values)}, reused=True, begin=begin)
