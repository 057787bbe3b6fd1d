"""Course repository on SQL."""

from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.training.adapters.tables import CourseCompetencyRow, CourseRow
from bangkom.training.domain.catalog import CompetencyStep, Course, CourseStatus, LearningMode


def _course(row: CourseRow) -> Course:
    return Course(
        code=row.code,
        title=row.title,
        competencies=[CompetencyStep(**c) for c in row.competencies],
        jp=row.jp,
        mode=LearningMode(row.mode),
        provider=row.provider,
        cost=row.cost,
        status=CourseStatus(row.status),
        changed_at=row.changed_at,
        prerequisites=list(row.prerequisites),
    )


class SqlCourseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, code: str) -> Course | None:
        row = await self._session.get(CourseRow, code)
        return _course(row) if row else None

    async def save(self, course: Course) -> None:
        await self._session.merge(
            CourseRow(
                code=course.code,
                title=course.title,
                competencies=[c.__dict__ for c in course.competencies],
                jp=course.jp,
                mode=course.mode.value,
                provider=course.provider,
                cost=course.cost,
                status=course.status.value,
                prerequisites=course.prerequisites,
                changed_at=course.changed_at,
            )
        )
        await self._session.exec(
            delete(CourseCompetencyRow).where(col(CourseCompetencyRow.course_code) == course.code)
        )
        for step in course.competencies:
            self._session.add(
                CourseCompetencyRow(course_code=course.code, competency_code=step.competency_code)
            )

    async def search(
        self, *, competency_code: str | None, status: str | None, limit: int, offset: int
    ) -> list[Course]:
        query = select(CourseRow)
        if competency_code is not None:
            query = query.join(
                CourseCompetencyRow, col(CourseCompetencyRow.course_code) == CourseRow.code
            ).where(CourseCompetencyRow.competency_code == competency_code)
        if status is not None:
            query = query.where(CourseRow.status == status)
        query = query.order_by(col(CourseRow.code)).limit(limit).offset(offset)
        return [_course(row) for row in await self._session.exec(query)]
