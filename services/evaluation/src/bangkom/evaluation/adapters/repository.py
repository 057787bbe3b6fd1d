"""What every repository of the service shares: the session, and rows kept for the
transaction."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

Scope = frozenset[str] | None
T = TypeVar("T")


class SqlRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        # Rows read in this transaction, kept: the session's identity map holds them
        # only weakly, and an import asks for the same agency thousands of times.
        self._kept: dict[tuple[type, object], object] = {}

    async def _get(self, table: type[T], key: object) -> T | None:
        row = await self._session.get(table, key)
        if row is not None:
            self._kept[table, key] = row
        return row
