"""The career unit of work on SQL."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.career.adapters.plans import SqlPlanStore
from bangkom.career.adapters.read_models import (
    SqlCompletionStore,
    SqlCourseStore,
    SqlEmployeeStore,
    SqlLevelStore,
    SqlPositionStore,
)
from bangkom.career.adapters.succession import SqlSuccessionStore
from bangkom.career.adapters.talent import (
    SqlAssessmentStore,
    SqlCandidateStore,
    SqlPlacementStore,
    SqlPolicyStore,
    SqlRatingStore,
)
from bangkom.career.handlers.ports import (
    AssessmentStore,
    CandidateStore,
    CompletionStore,
    CourseStore,
    Due,
    EmployeeStore,
    LevelStore,
    PlacementStore,
    PlanStore,
    PolicyStore,
    PositionStore,
    RatingStore,
    SuccessionStore,
)
from bangkom.platform.catalog import CareerAuditRecorded
from bangkom.platform.db.locks import hold_until_commit
from bangkom.platform.db.uow import SqlUnitOfWork


class SqlCareerUnitOfWork(SqlUnitOfWork):
    AUDIT_EVENT = CareerAuditRecorded
    employees: EmployeeStore
    positions: PositionStore
    levels: LevelStore
    ratings: RatingStore
    assessments: AssessmentStore
    policies: PolicyStore
    placements: PlacementStore
    candidates: CandidateStore
    succession: SuccessionStore
    courses: CourseStore
    completions: CompletionStore
    plans: PlanStore
    due: Due

    async def hold_employees(self, nips: Iterable[str]) -> None:
        new = set(nips) - self._held
        await hold_until_commit(self.session, *(f"career.employee:{nip}" for nip in new))
        self._held |= new

    def bind(self, session: AsyncSession) -> None:
        self._held: set[str] = set()
        self.employees = SqlEmployeeStore(session)
        self.positions = SqlPositionStore(session)
        self.levels = SqlLevelStore(session)
        self.ratings = SqlRatingStore(session)
        self.assessments = SqlAssessmentStore(session)
        self.policies = SqlPolicyStore(session)
        self.placements = SqlPlacementStore(session)
        self.candidates = SqlCandidateStore(session)
        self.succession = SqlSuccessionStore(session)
        self.courses = SqlCourseStore(session)
        self.completions = SqlCompletionStore(session)
        self.plans = SqlPlanStore(session)
        self.due = Due()
