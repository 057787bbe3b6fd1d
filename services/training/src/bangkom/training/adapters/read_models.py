"""What the training service keeps of other services' events: the roster and the
aggregated needs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.scope import within_agencies
from bangkom.training.adapters.tables import AgencyNeedsRow, EmployeeRow
from bangkom.training.domain.demand import AgencyNeeds, Need
from bangkom.training.domain.roster import Employee


class SqlEmployeeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, nip: str, *, lock: bool = False) -> Employee | None:
        query = select(EmployeeRow).where(EmployeeRow.nip == nip)
        if lock:
            query = query.with_for_update().execution_options(populate_existing=True)
        row = (await self._session.exec(query)).first()
        if row is None:
            return None
        return Employee(
            nip=row.nip,
            name=row.name,
            employment_type=row.employment_type,
            agency_code=row.agency_code,
            position_code=row.position_code,
            active=row.active,
            changed_at=row.changed_at,
        )

    async def save(self, employee: Employee) -> None:
        await self._session.merge(EmployeeRow(**employee.__dict__))


def _needs(row: AgencyNeedsRow) -> AgencyNeeds:
    return AgencyNeeds(
        agency_code=row.agency_code,
        period=row.period,
        survey_id=row.survey_id,
        headcount=row.headcount,
        needs=tuple(Need(**n) for n in row.needs),
        aggregated_at=row.aggregated_at,
    )


class SqlNeedRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, agency_code: str, period: str) -> AgencyNeeds | None:
        row = await self._session.get(AgencyNeedsRow, (agency_code, period))
        return _needs(row) if row else None

    async def save(self, needs: AgencyNeeds) -> None:
        await self._session.merge(
            AgencyNeedsRow(
                agency_code=needs.agency_code,
                period=needs.period,
                survey_id=needs.survey_id,
                headcount=needs.headcount,
                needs=[n.__dict__ for n in needs.needs],
                aggregated_at=needs.aggregated_at,
            )
        )

    async def of_period(
        self, period: str | None, agencies: frozenset[str] | None
    ) -> list[AgencyNeeds]:
        scope: Any = within_agencies(AgencyNeedsRow.agency_code, agencies)
        if period is None:
            period = await self._session.scalar(
                select(func.max(AgencyNeedsRow.period)).where(scope)
            )
            if period is None:
                return []
        rows = await self._session.exec(
            select(AgencyNeedsRow)
            .where(AgencyNeedsRow.period == period, scope)
            .order_by(col(AgencyNeedsRow.agency_code))
        )
        return [_needs(row) for row in rows]
