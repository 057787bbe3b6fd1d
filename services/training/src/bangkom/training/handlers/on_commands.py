"""Command handlers of the training service."""

from __future__ import annotations

from bangkom.platform.auth import Role
from bangkom.platform.catalog import CourseUpdated
from bangkom.platform.catalog.training import CourseCompetency
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import AccessDenied, InvalidInput
from bangkom.training.domain.catalog import Course, InvalidCourse
from bangkom.training.handlers import commands
from bangkom.training.handlers.ports import TrainingUnitOfWork

CATALOG_EDITORS = (Role.PROVINCE_ADMIN, Role.SERVICE)


async def publish_course(
    cmd: commands.PublishCourse, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> Course:
    if not cmd.caller.has_any(*CATALOG_EDITORS):
        raise AccessDenied("only a province admin curates the training catalog")
    try:
        course = Course(
            code=cmd.code,
            title=cmd.title,
            competencies=list(cmd.competencies),
            jp=cmd.jp,
            mode=cmd.mode,
            provider=cmd.provider,
            cost=cmd.cost,
            status=cmd.status,
            changed_at=clock(),
            prerequisites=list(cmd.prerequisites),
        )
    except InvalidCourse as exc:
        raise InvalidInput(str(exc)) from exc
    existing = await uow.courses.get(cmd.code)
    if existing is not None and existing.same_offer_as(course):
        return existing
    await uow.courses.save(course)
    uow.publish(
        CourseUpdated(
            course_code=course.code,
            title=course.title,
            competencies=[
                CourseCompetency(
                    competency_code=c.competency_code,
                    level_from=c.level_from,
                    level_to=c.level_to,
                )
                for c in course.competencies
            ],
            jp=course.jp,
            mode=course.mode.value,
            provider=course.provider,
            cost=course.cost,
            prerequisites=course.prerequisites,
            status=course.status.value,
            changed_at=course.changed_at,
        )
    )
    return course
