"""Gaps (current and their history) and the queue of pending recalculations, on SQL."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, literal, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.recommendation.adapters.tables import (
    GapHistoryRow,
    GapRow,
    PlacementRow,
    RecalculationRow,
)
from bangkom.recommendation.domain.gaps import Gap


def _gap(row: GapRow) -> Gap:
    return Gap(row.competency_code, row.competency_name, row.required_level, row.current_level)


class SqlGapStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def current(self, nip: str) -> list[Gap]:
        rows = await self._session.exec(
            select(GapRow).where(GapRow.nip == nip).order_by(col(GapRow.competency_code))
        )
        return [_gap(row) for row in rows]

    async def replace(
        self,
        nip: str,
        agency_code: str,
        gaps: list[Gap],
        standard_version: int,
        as_of: datetime,
        *,
        history: bool = True,
    ) -> None:
        stored = list(await self._session.exec(select(GapRow).where(GapRow.nip == nip)))
        before = {row.competency_code: _gap(row) for row in stored}
        moved = any(row.agency_code != agency_code for row in stored)
        after = {g.competency_code: g for g in gaps}
        await self._session.exec(delete(GapRow).where(col(GapRow.nip) == nip))
        for gap in gaps:
            self._session.add(
                GapRow(
                    nip=nip,
                    competency_code=gap.competency_code,
                    agency_code=agency_code,
                    competency_name=gap.competency_name,
                    required_level=gap.required_level,
                    current_level=gap.current_level,
                    status=gap.status.value,
                    standard_version=standard_version,
                    calculated_at=as_of,
                )
            )
        if history:
            # A transfer re-dates every gap under the new agency, changed or not.
            changed = {
                c for c in before.keys() | after.keys() if moved or before.get(c) != after.get(c)
            }
            await self._history(nip, agency_code, changed, after, as_of)

    async def _history(
        self, nip: str, agency_code: str, changed: set[str], after: dict[str, Gap], as_of: datetime
    ) -> None:
        if not changed:
            return
        await self._session.exec(
            update(GapHistoryRow)
            .where(
                col(GapHistoryRow.nip) == nip,
                col(GapHistoryRow.competency_code).in_(changed),
                col(GapHistoryRow.valid_to).is_(None),
            )
            .values(valid_to=as_of)
        )
        for code in sorted(changed):
            gap = after.get(code)
            if gap is None:
                continue
            await self._session.merge(
                GapHistoryRow(
                    nip=nip,
                    competency_code=code,
                    valid_from=as_of,
                    valid_to=None,
                    agency_code=agency_code,
                    required_level=gap.required_level,
                    current_level=gap.current_level,
                    status=gap.status.value,
                )
            )

    async def agency_of(self, nip: str) -> str | None:
        """The agency the stored gaps were calculated under."""
        return (
            await self._session.exec(select(GapRow.agency_code).where(GapRow.nip == nip).limit(1))
        ).first()

    async def nips_with_open_gap(self, competency_codes: Iterable[str]) -> list[str]:
        rows = await self._session.exec(
            select(GapRow.nip)
            .where(col(GapRow.competency_code).in_(set(competency_codes)))
            .where(GapRow.status == "open")
            .distinct()
        )
        return sorted(rows)


class SqlRecalculationQueue:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def enqueue_position(self, position_code: str, reason: str, as_of: datetime) -> int:
        bind = self._session.bind
        dialect_insert = (
            sqlite_insert
            if bind is not None and bind.dialect.name == "sqlite"
            else postgresql_insert
        )
        chosen = select(
            PlacementRow.nip, literal(reason).label("reason"), literal(as_of).label("as_of")
        ).where(PlacementRow.position_code == position_code, col(PlacementRow.active).is_(True))
        statement = dialect_insert(RecalculationRow).from_select(["nip", "reason", "as_of"], chosen)
        statement = statement.on_conflict_do_update(
            index_elements=["nip"],
            set_={"reason": statement.excluded.reason, "as_of": statement.excluded.as_of},
        )
        result = await self._session.exec(statement)
        return int(result.rowcount or 0)

    async def take(self, limit: int) -> list[tuple[str, datetime]]:
        rows = list(
            await self._session.exec(
                select(RecalculationRow.nip, RecalculationRow.as_of)
                .order_by(col(RecalculationRow.nip))
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        if rows:
            await self._session.exec(
                delete(RecalculationRow).where(
                    col(RecalculationRow.nip).in_([nip for nip, _ in rows])
                )
            )
        return [(nip, as_of) for nip, as_of in rows]

    async def pending(self) -> int:
        return int(
            await self._session.scalar(select(func.count()).select_from(RecalculationRow)) or 0
        )
