"""Catalog reads (the catalog is public to every authenticated caller)."""

from __future__ import annotations

from bangkom.platform.errors import NotFound
from bangkom.training.domain.catalog import Course
from bangkom.training.handlers.ports import TrainingUnitOfWork


async def get_course(uow: TrainingUnitOfWork, code: str) -> Course:
    course = await uow.courses.get(code)
    if course is None:
        raise NotFound(f"course {code} not found")
    return course


async def search_courses(
    uow: TrainingUnitOfWork,
    *,
    competency_code: str | None = None,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Course]:
    return await uow.courses.search(
        competency_code=competency_code, status=status, limit=limit, offset=offset
    )
