"""The evaluation unit of work on SQL."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.evaluation.adapters.repositories import (
    SqlAgencyRepository,
    SqlEmployeeRepository,
    SqlFrameworkRepository,
    SqlPositionRepository,
    SqlResultRepository,
    SqlTechnicalCompetencyRepository,
)
from bangkom.evaluation.handlers.ports import (
    AgencyRepository,
    EmployeeRepository,
    FrameworkRepository,
    PositionRepository,
    ResultRepository,
    TechnicalCompetencyRepository,
)
from bangkom.platform.db.uow import SqlUnitOfWork


class SqlEvaluationUnitOfWork(SqlUnitOfWork):
    agencies: AgencyRepository
    frameworks: FrameworkRepository
    technical: TechnicalCompetencyRepository
    positions: PositionRepository
    employees: EmployeeRepository
    results: ResultRepository

    def bind(self, session: AsyncSession) -> None:
        self.agencies = SqlAgencyRepository(session)
        self.frameworks = SqlFrameworkRepository(session)
        self.technical = SqlTechnicalCompetencyRepository(session)
        self.positions = SqlPositionRepository(session)
        self.employees = SqlEmployeeRepository(session)
        self.results = SqlResultRepository(session)
