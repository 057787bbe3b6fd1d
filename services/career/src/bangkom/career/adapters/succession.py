"""Critical positions and their pools on SQL."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.career.adapters.read_models import first
from bangkom.career.adapters.tables import PositionRow, SuccessionMemberRow, SuccessionPlanRow
from bangkom.career.domain.model import SuccessionPlan
from bangkom.career.domain.readiness import Readiness
from bangkom.career.domain.succession import Member
from bangkom.career.handlers.ports import Scope
from bangkom.platform.db.bulk import insert_rows, upsert
from bangkom.platform.db.reads import fetch_rows
from bangkom.platform.db.scope import within_agencies

PLAN: tuple[Any, ...] = (
    col(SuccessionPlanRow.position_code),
    col(SuccessionPlanRow.agency_code),
    col(SuccessionPlanRow.pool_size),
    col(SuccessionPlanRow.minimum_ready),
    col(SuccessionPlanRow.short),
)


class SqlSuccessionStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, position_code: str) -> SuccessionPlan | None:
        row = await first(
            self._session,
            select(*PLAN).where(col(SuccessionPlanRow.position_code) == position_code),
        )
        return SuccessionPlan(*row) if row is not None else None

    async def save(self, plan: SuccessionPlan) -> None:
        await upsert(self._session, SuccessionPlanRow, [vars(plan)], ["position_code"])

    async def remove(self, position_code: str) -> None:
        for table in (SuccessionMemberRow, SuccessionPlanRow):
            await self._session.exec(delete(table).where(col(table.position_code) == position_code))

    async def with_target_types(self, position_types: Iterable[str]) -> list[SuccessionPlan]:
        wanted = sorted(set(position_types))
        if not wanted:
            return []
        rows = await fetch_rows(
            self._session,
            select(*PLAN)
            .join(PositionRow, col(PositionRow.code) == col(SuccessionPlanRow.position_code))
            .where(col(PositionRow.position_type).in_(wanted)),
        )
        return [SuccessionPlan(*row) for row in rows]

    async def listed(self, scope: Scope) -> list[SuccessionPlan]:
        rows = await fetch_rows(
            self._session,
            select(*PLAN)
            .where(within_agencies(col(SuccessionPlanRow.agency_code), scope))
            .order_by(col(SuccessionPlanRow.position_code)),
        )
        return [SuccessionPlan(*row) for row in rows]

    async def members(self, position_code: str) -> list[Member]:
        rows = await fetch_rows(
            self._session,
            select(
                col(SuccessionMemberRow.nip),
                col(SuccessionMemberRow.rank),
                col(SuccessionMemberRow.jpm),
                col(SuccessionMemberRow.readiness),
                col(SuccessionMemberRow.box),
            )
            .where(col(SuccessionMemberRow.position_code) == position_code)
            .order_by(col(SuccessionMemberRow.rank)),
        )
        return [Member(r[0], r[1], r[2], Readiness(r[3]), r[4]) for r in rows]

    async def replace_members(self, position_code: str, members: list[Member]) -> None:
        await self._session.exec(
            delete(SuccessionMemberRow).where(
                col(SuccessionMemberRow.position_code) == position_code
            )
        )
        await insert_rows(
            self._session,
            SuccessionMemberRow,
            [
                {
                    "position_code": position_code,
                    "nip": m.nip,
                    "rank": m.rank,
                    "jpm": m.jpm,
                    "readiness": m.readiness.value,
                    "box": m.box,
                }
                for m in members
            ],
        )
