"""Repositories: domain objects in, domain objects out."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.evaluation.adapters.tables import AssessmentResultRow, EmployeeRow, PositionRow
from bangkom.evaluation.domain.model import (
    AssessmentMethod,
    AssessmentResult,
    Employee,
    Position,
)
from bangkom.evaluation.domain.nip import EmploymentType


class SqlPositionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, code: str) -> Position | None:
        row = await self._session.get(PositionRow, code)
        if row is None:
            return None
        return Position(
            code=row.code,
            name=row.name,
            agency_code=row.agency_code,
            standard=dict(row.standard),
            standard_version=row.standard_version,
        )

    async def save(self, position: Position) -> None:
        await self._session.merge(
            PositionRow(
                code=position.code,
                name=position.name,
                agency_code=position.agency_code,
                standard=position.standard,
                standard_version=position.standard_version,
            )
        )


class SqlEmployeeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, nip: str) -> Employee | None:
        row = await self._session.get(EmployeeRow, nip)
        if row is None:
            return None
        return Employee(
            nip=row.nip,
            name=row.name,
            employment_type=EmploymentType(row.employment_type),
            agency_code=row.agency_code,
            position_code=row.position_code,
            active=row.active,
            changed_at=row.changed_at,
        )

    async def save(self, employee: Employee) -> None:
        await self._session.merge(
            EmployeeRow(
                nip=employee.nip,
                name=employee.name,
                employment_type=employee.employment_type.value,
                agency_code=employee.agency_code,
                position_code=employee.position_code,
                active=employee.active,
                changed_at=employee.changed_at,
            )
        )


class SqlResultRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, result: AssessmentResult) -> None:
        self._session.add(
            AssessmentResultRow(
                id=result.id,
                nip=result.nip,
                competency_code=result.competency_code,
                level=result.level,
                method=result.method.value,
                evaluated_at=result.evaluated_at,
                assessor=result.assessor,
                evidence=result.evidence,
            )
        )

    async def list_for(self, nip: str) -> list[AssessmentResult]:
        rows = await self._session.exec(
            select(AssessmentResultRow)
            .where(AssessmentResultRow.nip == nip)
            .order_by(col(AssessmentResultRow.evaluated_at).desc())
        )
        return [
            AssessmentResult(
                id=row.id,
                nip=row.nip,
                competency_code=row.competency_code,
                level=row.level,
                method=AssessmentMethod(row.method),
                evaluated_at=row.evaluated_at,
                assessor=row.assessor,
                evidence=row.evidence,
            )
            for row in rows
        ]
