"""Positions and their standards on SQL."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import col, select

from bangkom.evaluation.adapters.repository import Scope, SqlRepository
from bangkom.evaluation.adapters.tables import PositionRow
from bangkom.evaluation.domain.framework import PositionType
from bangkom.evaluation.domain.model import Position
from bangkom.platform.db.scope import within_agencies


def _position(row: PositionRow) -> Position:
    return Position(
        code=row.code,
        name=row.name,
        agency_code=row.agency_code,
        position_type=PositionType(row.position_type),
        overrides=dict(row.overrides),
        technical=dict(row.technical),
        standard=dict(row.standard),
        standard_version=row.standard_version,
        framework_version=row.framework_version,
    )


class SqlPositionRepository(SqlRepository):
    async def get(self, code: str) -> Position | None:
        row = await self._get(PositionRow, code)
        return _position(row) if row else None

    async def save(self, position: Position) -> None:
        await self._session.merge(
            PositionRow(**{**position.__dict__, "position_type": position.position_type.value})
        )

    async def of_types(self, types: Iterable[PositionType]) -> list[Position]:
        wanted = [t.value for t in types]
        if not wanted:
            return []
        rows = await self._session.exec(
            select(PositionRow).where(col(PositionRow.position_type).in_(wanted))
        )
        return [_position(row) for row in rows]

    async def of_codes(self, codes: Iterable[str]) -> dict[str, Position]:
        wanted = list(set(codes))
        if not wanted:
            return {}
        rows = await self._session.exec(
            select(PositionRow).where(col(PositionRow.code).in_(wanted))
        )
        return {row.code: _position(row) for row in rows}

    async def list(self, *, scope: Scope, limit: int, offset: int) -> list[Position]:
        rows = await self._session.exec(
            select(PositionRow)
            .where(within_agencies(PositionRow.agency_code, scope))
            .order_by(col(PositionRow.code))
            .limit(limit)
            .offset(offset)
        )
        return [_position(row) for row in rows]
