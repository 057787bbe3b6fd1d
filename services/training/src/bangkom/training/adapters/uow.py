"""The training unit of work on SQL."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.catalog import TrainingAuditRecorded
from bangkom.platform.db.uow import SqlUnitOfWork
from bangkom.training.adapters.catalog import SqlCourseRepository, SqlSessionRepository
from bangkom.training.adapters.enrolments import (
    SqlEnrolmentRepository,
    SqlEnrolmentRequestRepository,
)
from bangkom.training.adapters.read_models import SqlEmployeeRepository, SqlNeedRepository
from bangkom.training.adapters.records import SqlCompletionRepository, SqlComplianceRepository
from bangkom.training.adapters.xapi import SqlXapiRepository
from bangkom.training.handlers.ports import (
    CompletionRepository,
    ComplianceRepository,
    CourseRepository,
    EmployeeRepository,
    EnrolmentRepository,
    EnrolmentRequestRepository,
    NeedRepository,
    SessionRepository,
    XapiRepository,
)


class SqlTrainingUnitOfWork(SqlUnitOfWork):
    AUDIT_EVENT = TrainingAuditRecorded
    courses: CourseRepository
    sessions: SessionRepository
    enrolments: EnrolmentRepository
    requests: EnrolmentRequestRepository
    completions: CompletionRepository
    employees: EmployeeRepository
    compliance: ComplianceRepository
    needs: NeedRepository
    xapi: XapiRepository

    def bind(self, session: AsyncSession) -> None:
        self.courses = SqlCourseRepository(session)
        self.sessions = SqlSessionRepository(session)
        self.enrolments = SqlEnrolmentRepository(session)
        self.requests = SqlEnrolmentRequestRepository(session)
        self.completions = SqlCompletionRepository(session)
        self.employees = SqlEmployeeRepository(session)
        self.compliance = SqlComplianceRepository(session)
        self.needs = SqlNeedRepository(session)
        self.xapi = SqlXapiRepository(session)
