"""The evaluation unit of work on SQL."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.evaluation.adapters.repositories import (
    SqlEmployeeRepository,
    SqlPositionRepository,
    SqlResultRepository,
)
from bangkom.evaluation.handlers.ports import (
    EmployeeRepository,
    PositionRepository,
    ResultRepository,
)
from bangkom.platform.db.uow import SqlUnitOfWork


class SqlEvaluationUnitOfWork(SqlUnitOfWork):
    positions: PositionRepository
    employees: EmployeeRepository
    results: ResultRepository

    def bind(self, session: AsyncSession) -> None:
        self.positions = SqlPositionRepository(session)
        self.employees = SqlEmployeeRepository(session)
        self.results = SqlResultRepository(session)
