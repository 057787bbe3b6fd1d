"""The evaluation unit of work on SQL."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.evaluation.adapters.repositories import (
    SqlAgencyRepository,
    SqlEmployeeRepository,
    SqlFrameworkRepository,
    SqlImportJobRepository,
    SqlPositionRepository,
    SqlResultRepository,
    SqlTechnicalCompetencyRepository,
    SqlTrainingEvaluationRepository,
)
from bangkom.evaluation.handlers.ports import (
    AgencyRepository,
    EmployeeRepository,
    FrameworkRepository,
    ImportJobRepository,
    PositionRepository,
    ResultRepository,
    TechnicalCompetencyRepository,
    TrainingEvaluationRepository,
)
from bangkom.platform.db.uow import SqlUnitOfWork


class SqlEvaluationUnitOfWork(SqlUnitOfWork):
    agencies: AgencyRepository
    frameworks: FrameworkRepository
    technical: TechnicalCompetencyRepository
    positions: PositionRepository
    employees: EmployeeRepository
    results: ResultRepository
    imports: ImportJobRepository
    training_evaluations: TrainingEvaluationRepository

    def bind(self, session: AsyncSession) -> None:
        self.agencies = SqlAgencyRepository(session)
        self.frameworks = SqlFrameworkRepository(session)
        self.technical = SqlTechnicalCompetencyRepository(session)
        self.positions = SqlPositionRepository(session)
        self.employees = SqlEmployeeRepository(session)
        self.results = SqlResultRepository(session)
        self.imports = SqlImportJobRepository(session)
        self.training_evaluations = SqlTrainingEvaluationRepository(session)
