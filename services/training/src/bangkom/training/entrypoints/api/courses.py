from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from bangkom.platform.auth.rest import CallerDep
from bangkom.training.domain.catalog import CompetencyStep, CourseStatus
from bangkom.training.entrypoints.api.deps import BusDep
from bangkom.training.entrypoints.api.schemas import CourseCreate, CoursePublic, CoursesPublic
from bangkom.training.handlers import commands, queries

router = APIRouter(prefix="/courses", tags=["catalog"])


@router.put("", summary="Create or change a course (published courses are offered)")
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


@router.get("", summary="Search the catalog")
async def search_courses(
    _caller: CallerDep,
    bus: BusDep,
    competency_code: str | None = None,
    status: CourseStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> CoursesPublic:
    async with bus.uow_factory() as uow:
        courses = await queries.search_courses(
            uow,
            competency_code=competency_code,
            status=status.value if status else None,
            limit=limit,
            offset=offset,
        )
    return CoursesPublic(data=[CoursePublic.of(c) for c in courses], limit=limit, offset=offset)


@router.get("/{code}", summary="One course")
async def get_course(code: str, _caller: CallerDep, bus: BusDep) -> CoursePublic:
    async with bus.uow_factory() as uow:
        return CoursePublic.of(await queries.get_course(uow, code))
