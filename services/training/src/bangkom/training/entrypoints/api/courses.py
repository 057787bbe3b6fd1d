from __future__ import annotations

from typing import Annotated

from fastapi import Query

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.catalog.types import CompetencyCode, Level
from bangkom.platform.web.errors import error_responses
from bangkom.platform.web.paging import PagingDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.training.domain.catalog import CompetencyStep, CourseStatus, LearningMode
from bangkom.training.entrypoints.api.deps import BusDep
from bangkom.training.entrypoints.api.paths import CodePath
from bangkom.training.entrypoints.api.schemas.catalog import (
    CourseCreate,
    CoursePublic,
    CoursesPublic,
)
from bangkom.training.handlers import commands, queries
from bangkom.training.handlers.ports import CourseSearch

router = ServiceRouter(prefix="/courses", tags=["catalog"])


@router.put(
    "",
    summary="Create or change a course (province admin or service; published courses are offered)",
    responses=error_responses(403, 422),
)
async def publish_course(body: CourseCreate, caller: CallerDep, bus: BusDep) -> CoursePublic:
    course = await bus.handle(
        commands.PublishCourse(
            caller=caller,
            code=body.code,
            title=body.title,
            competencies=[CompetencyStep(**c.model_dump()) for c in body.competencies],
            jp=body.jp,
            mode=body.mode,
            provider=body.provider,
            cost=body.cost,
            status=body.status,
            prerequisites=body.prerequisites,
        )
    )
    return CoursePublic.of(course)


@router.get(
    "",
    summary="Search the catalog by competency, level, mode, provider and text",
    responses=error_responses(422),
)
async def search_courses(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    competency_code: Annotated[CompetencyCode | None, Query()] = None,
    level: Annotated[
        Level | None, Query(description="Current level: courses someone at it can start")
    ] = None,
    target_level: Annotated[
        Level | None, Query(description="Courses that develop the competency up to this level")
    ] = None,
    mode: LearningMode | None = None,
    provider: Annotated[str | None, Query(max_length=200, description="Part of the name")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of code or title")] = None,
    status: Annotated[
        CourseStatus | None, Query(description="Default: every status you may see")
    ] = None,
) -> CoursesPublic:
    criteria = CourseSearch(
        competency_code=competency_code,
        level=level,
        target_level=target_level,
        mode=mode.value if mode else None,
        provider=provider,
        text=q,
        statuses=frozenset({status.value}) if status else None,
        limit=paging.limit,
        offset=paging.offset,
    )
    async with bus.uow_factory() as uow:
        page = await queries.search_courses(uow, caller, criteria)
    return CoursesPublic.counted([CoursePublic.of(c) for c in page.items], paging, page.total)


@router.get("/{code}", summary="One course", responses=error_responses(404, 422))
async def get_course(code: CodePath, caller: CallerDep, bus: BusDep) -> CoursePublic:
    async with bus.uow_factory() as uow:
        return CoursePublic.of(await queries.get_course(uow, caller, code))
