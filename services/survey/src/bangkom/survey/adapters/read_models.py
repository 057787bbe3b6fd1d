"""Stores of the reference data the evaluation service publishes: the agencies, the
roster, the standards of positions and the competency dictionary."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.scope import within_agencies
from bangkom.survey.adapters.tables import (
    AgencyRow,
    CompetencyRow,
    EmployeeRow,
    PositionStandardRow,
)
from bangkom.survey.domain.framework import Competency, PositionStandard
from bangkom.survey.domain.roster import Agency, Employee


class Store:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session


class SqlAgencyStore(Store):
    async def get(self, code: str) -> Agency | None:
        row = await self._session.get(AgencyRow, code)
        return Agency(row.code, row.name, row.active, row.changed_at) if row else None

    async def save(self, agency: Agency) -> None:
        await self._session.merge(AgencyRow(**agency.__dict__))

    async def active(self, codes: Iterable[str]) -> set[str]:
        rows = await self._session.exec(
            select(AgencyRow.code)
            .where(col(AgencyRow.code).in_(set(codes)))
            .where(AgencyRow.active == True)  # noqa: E712 (SQL expression)
        )
        return set(rows)


def _employee(row: EmployeeRow) -> Employee:
    return Employee(
        row.nip,
        row.name,
        row.agency_code,
        row.position_code,
        row.supervisor_nip,
        row.active,
        row.changed_at,
    )


class SqlEmployeeStore(Store):
    async def get(self, nip: str) -> Employee | None:
        row = await self._session.get(EmployeeRow, nip)
        return _employee(row) if row else None

    async def save(self, employee: Employee) -> None:
        await self._session.merge(EmployeeRow(**employee.__dict__))

    async def in_agency(self, agency_code: str, *, limit: int, offset: int) -> list[Employee]:
        """Active employees of the agency and of its units."""
        rows = await self._session.exec(
            select(EmployeeRow)
            .where(within_agencies(EmployeeRow.agency_code, frozenset({agency_code})))
            .where(EmployeeRow.active == True)  # noqa: E712 (SQL expression)
            .order_by(col(EmployeeRow.nip))
            .limit(limit)
            .offset(offset)
        )
        return [_employee(row) for row in rows]

    async def active_within(self, agency_codes: Iterable[str]) -> list[Employee]:
        rows = await self._session.exec(
            select(EmployeeRow)
            .where(within_agencies(EmployeeRow.agency_code, frozenset(agency_codes)))
            .where(EmployeeRow.active == True)  # noqa: E712 (SQL expression)
        )
        return [_employee(row) for row in rows]


def _standard(row: PositionStandardRow) -> PositionStandard:
    return PositionStandard(
        position_code=row.position_code,
        position_name=row.position_name,
        agency_code=row.agency_code,
        version=row.version,
        required=dict(row.required),
        names=dict(row.names),
        published_at=row.published_at,
    )


class SqlStandardStore(Store):
    async def get(self, position_code: str) -> PositionStandard | None:
        row = await self._session.get(PositionStandardRow, position_code)
        return _standard(row) if row else None

    async def save(self, standard: PositionStandard) -> None:
        await self._session.merge(PositionStandardRow(**standard.__dict__))

    async def of_positions(self, position_codes: Iterable[str]) -> dict[str, PositionStandard]:
        codes = set(position_codes)
        if not codes:
            return {}
        rows = await self._session.exec(
            select(PositionStandardRow).where(col(PositionStandardRow.position_code).in_(codes))
        )
        return {row.position_code: _standard(row) for row in rows}

    async def within(self, agency_codes: Iterable[str]) -> list[PositionStandard]:
        rows = await self._session.exec(
            select(PositionStandardRow).where(
                within_agencies(PositionStandardRow.agency_code, frozenset(agency_codes))
            )
        )
        return [_standard(row) for row in rows]


def _competency(row: CompetencyRow) -> Competency:
    return Competency(
        code=row.code,
        name=row.name,
        group=row.competency_group,
        description=row.description,
        levels={int(level): text for level, text in row.levels.items()},
        changed_at=row.changed_at,
    )


class SqlCompetencyStore(Store):
    async def get(self, code: str) -> Competency | None:
        row = await self._session.get(CompetencyRow, code)
        return _competency(row) if row else None

    async def save(self, competency: Competency) -> None:
        await self._session.merge(
            CompetencyRow(
                code=competency.code,
                name=competency.name,
                competency_group=competency.group,
                description=competency.description,
                levels={str(level): text for level, text in competency.levels.items()},
                changed_at=competency.changed_at,
            )
        )

    async def many(self, codes: Iterable[str]) -> dict[str, Competency]:
        wanted = set(codes)
        if not wanted:
            return {}
        rows = await self._session.exec(
            select(CompetencyRow).where(col(CompetencyRow.code).in_(wanted))
        )
        return {row.code: _competency(row) for row in rows}
