"""What the handlers need from storage."""

from __future__ import annotations

from typing import Protocol

from bangkom.platform.db.uow import UnitOfWork
from bangkom.training.domain.catalog import Course


class CourseRepository(Protocol):
    async def get(self, code: str) -> Course | None: ...

    async def save(self, course: Course) -> None: ...

    async def search(
        self, *, competency_code: str | None, status: str | None, limit: int, offset: int
    ) -> list[Course]: ...


class TrainingUnitOfWork(UnitOfWork, Protocol):
    courses: CourseRepository
