"""Repositories: domain objects in, domain objects out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.evaluation.adapters.codec import (
    competency_of,
    framework_document,
    framework_of,
)
from bangkom.evaluation.adapters.tables import (
    AgencyRow,
    AssessmentResultRow,
    EmployeeRow,
    FrameworkRow,
    PositionRow,
    TechnicalCompetencyRow,
)
from bangkom.evaluation.domain.agency import Agency, AgencyKind
from bangkom.evaluation.domain.framework import Competency, Framework, PositionType
from bangkom.evaluation.domain.model import (
    AssessmentMethod,
    AssessmentResult,
    Employee,
    Position,
)
from bangkom.evaluation.domain.nip import EmploymentType
from bangkom.platform.db.scope import within_agencies

Scope = frozenset[str] | None


class _Repository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session


def _agency(row: AgencyRow) -> Agency:
    return Agency(
        code=row.code,
        name=row.name,
        kind=AgencyKind(row.kind),
        parent_code=row.parent_code,
        active=row.active,
        changed_at=row.changed_at,
    )


class SqlAgencyRepository(_Repository):
    async def get(self, code: str) -> Agency | None:
        row = await self._session.get(AgencyRow, code)
        return _agency(row) if row else None

    async def save(self, agency: Agency) -> None:
        await self._session.merge(AgencyRow(**{**agency.__dict__, "kind": agency.kind.value}))

    async def list(
        self, *, scope: Scope, parent_code: str | None, limit: int, offset: int
    ) -> list[Agency]:
        query = select(AgencyRow).where(within_agencies(AgencyRow.code, scope))
        if parent_code is not None:
            query = query.where(AgencyRow.parent_code == parent_code)
        query = query.order_by(col(AgencyRow.code)).limit(limit).offset(offset)
        return [_agency(row) for row in await self._session.exec(query)]


class SqlFrameworkRepository(_Repository):
    async def current(self) -> Framework | None:
        row = (
            await self._session.exec(
                select(FrameworkRow).order_by(col(FrameworkRow.version).desc()).limit(1)
            )
        ).first()
        return framework_of(row.document, row.published_at) if row else None

    async def get(self, version: int) -> Framework | None:
        row = await self._session.get(FrameworkRow, version)
        return framework_of(row.document, row.published_at) if row else None

    async def versions(self) -> list[tuple[int, datetime]]:
        rows = await self._session.exec(
            select(FrameworkRow.version, FrameworkRow.published_at).order_by(
                col(FrameworkRow.version)
            )
        )
        return [(version, published_at) for version, published_at in rows]

    async def add(self, framework: Framework) -> None:
        self._session.add(
            FrameworkRow(
                version=framework.version,
                document=framework_document(framework),
                published_at=framework.published_at,
            )
        )


def _technical(row: TechnicalCompetencyRow) -> tuple[Competency, int]:
    competency = competency_of(
        {
            "code": row.code,
            "name": row.name,
            "group": "teknis",
            "description": row.description,
            "levels": row.levels,
            "agency_code": row.agency_code,
        }
    )
    return competency, row.version


class SqlTechnicalCompetencyRepository(_Repository):
    async def get(self, code: str) -> tuple[Competency, int] | None:
        row = await self._session.get(TechnicalCompetencyRow, code)
        return _technical(row) if row else None

    async def save(self, competency: Competency, version: int, changed_at: datetime) -> None:
        await self._session.merge(
            TechnicalCompetencyRow(
                code=competency.code,
                agency_code=competency.agency_code or "",
                name=competency.name,
                description=competency.description,
                levels={str(k): v for k, v in competency.levels.items()},
                version=version,
                changed_at=changed_at,
            )
        )

    async def list(self, *, scope: Scope) -> list[tuple[Competency, int]]:
        rows = await self._session.exec(
            select(TechnicalCompetencyRow)
            .where(within_agencies(TechnicalCompetencyRow.agency_code, scope))
            .order_by(col(TechnicalCompetencyRow.code))
        )
        return [_technical(row) for row in rows]


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


class SqlPositionRepository(_Repository):
    async def get(self, code: str) -> Position | None:
        row = await self._session.get(PositionRow, code)
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

    async def list(self, *, scope: Scope, limit: int, offset: int) -> list[Position]:
        rows = await self._session.exec(
            select(PositionRow)
            .where(within_agencies(PositionRow.agency_code, scope))
            .order_by(col(PositionRow.code))
            .limit(limit)
            .offset(offset)
        )
        return [_position(row) for row in rows]


def _employee(row: EmployeeRow) -> Employee:
    return Employee(
        nip=row.nip,
        name=row.name,
        employment_type=EmploymentType(row.employment_type),
        agency_code=row.agency_code,
        position_code=row.position_code,
        active=row.active,
        changed_at=row.changed_at,
        supervisor_nip=row.supervisor_nip,
    )


class SqlEmployeeRepository(_Repository):
    async def get(self, nip: str) -> Employee | None:
        row = await self._session.get(EmployeeRow, nip)
        return _employee(row) if row else None

    async def save(self, employee: Employee) -> None:
        await self._session.merge(
            EmployeeRow(**{**employee.__dict__, "employment_type": employee.employment_type.value})
        )

    async def list(
        self, *, scope: Scope, active: bool | None, limit: int, offset: int
    ) -> list[Employee]:
        query = select(EmployeeRow).where(within_agencies(EmployeeRow.agency_code, scope))
        if active is not None:
            query = query.where(EmployeeRow.active == active)
        query = query.order_by(col(EmployeeRow.nip)).limit(limit).offset(offset)
        return [_employee(row) for row in await self._session.exec(query)]


class SqlResultRepository(_Repository):
    async def add(self, result: AssessmentResult) -> None:
        self._session.add(
            AssessmentResultRow(
                **{
                    k: v
                    for k, v in result.__dict__.items()
                    if k in AssessmentResultRow.model_fields
                },
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
