"""Curating the catalog."""

from __future__ import annotations

from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import InvalidInput
from bangkom.training.domain.catalog import Course, InvalidCourse
from bangkom.training.handlers import commands
from bangkom.training.handlers.access import require_curator
from bangkom.training.handlers.ports import TrainingUnitOfWork
from bangkom.training.handlers.publishing import course_updated


async def publish_course(
    cmd: commands.PublishCourse, uow: TrainingUnitOfWork, clock: Clock = utc_now
) -> Course:
    require_curator(cmd.caller)
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
    unknown = [code for code in course.prerequisites if await uow.courses.get(code) is None]
    if unknown:
        raise InvalidInput(
            f"prerequisites: no course {', '.join(unknown)} in the catalog", field="prerequisites"
        )
    existing = await uow.courses.get(cmd.code)
    if existing is not None and existing.same_offer_as(course):
        return existing
    await uow.courses.save(course)
    uow.publish(course_updated(course))
    # The catalog is the province's: its entries are of no one agency.
    uow.audit("publish_course", "course", course.code, before=existing, after=course)
    return course
