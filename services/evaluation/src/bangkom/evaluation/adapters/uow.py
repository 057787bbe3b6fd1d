"""The evaluation unit of work on SQL."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.evaluation.adapters.agencies import SqlAgencyRepository
from bangkom.evaluation.adapters.employees import SqlEmployeeRepository
from bangkom.evaluation.adapters.framework import (
    SqlFrameworkRepository,
    SqlTechnicalCompetencyRepository,
)
from bangkom.evaluation.adapters.framework_drafts import SqlFrameworkDraftRepository
from bangkom.evaluation.adapters.imports import SqlImportJobRepository
from bangkom.evaluation.adapters.positions import SqlPositionRepository
from bangkom.evaluation.adapters.results import SqlResultRepository, insert_new, result_values
from bangkom.evaluation.adapters.training_evaluations import SqlTrainingEvaluationRepository
from bangkom.evaluation.domain.model import AssessmentResult
from bangkom.evaluation.handlers.ports import (
    AgencyRepository,
    EmployeeRepository,
    FrameworkDraftRepository,
    FrameworkRepository,
    ImportJobRepository,
    PositionRepository,
    ResultRepository,
    TechnicalCompetencyRepository,
    TrainingEvaluationRepository,
)
from bangkom.platform.catalog import EvaluationAuditRecorded
from bangkom.platform.db.lists import on_postgresql
from bangkom.platform.db.uow import SqlUnitOfWork


class SqlEvaluationUnitOfWork(SqlUnitOfWork):
    AUDIT_EVENT = EvaluationAuditRecorded
    agencies: AgencyRepository
    frameworks: FrameworkRepository
    framework_drafts: FrameworkDraftRepository
    technical: TechnicalCompetencyRepository
    positions: PositionRepository
    employees: EmployeeRepository
    results: ResultRepository
    imports: ImportJobRepository
    training_evaluations: TrainingEvaluationRepository

    def bind(self, session: AsyncSession) -> None:
        self.agencies = SqlAgencyRepository(session)
        self.frameworks = SqlFrameworkRepository(session)
        self.framework_drafts = SqlFrameworkDraftRepository(session)
        self.technical = SqlTechnicalCompetencyRepository(session)
        self.positions = SqlPositionRepository(session)
        self.employees = SqlEmployeeRepository(session)
        self.results = SqlResultRepository(session)
        self.imports = SqlImportJobRepository(session)
        self.training_evaluations = SqlTrainingEvaluationRepository(session)

    async def record_result(self, result: AssessmentResult) -> bool:
        statement = insert_new(on_postgresql(self.session))
        return await self.insert_once(statement, result_values(result))
