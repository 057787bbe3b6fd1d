"""The training unit of work on SQL."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.uow import SqlUnitOfWork
from bangkom.training.adapters.repositories import SqlCourseRepository
from bangkom.training.handlers.ports import (
    CourseRepository,
)


class SqlTrainingUnitOfWork(SqlUnitOfWork):
    courses: CourseRepository

    def bind(self, session: AsyncSession) -> None:
        self.courses = SqlCourseRepository(session)
