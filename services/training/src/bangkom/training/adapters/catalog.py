"""Courses and sessions on SQL: domain objects in, domain objects out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import delete, exists, func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.training.adapters.enrolments import enrolment_of
from bangkom.training.adapters.tables import (
    CourseCompetencyRow,
    CourseRow,
    EnrolmentRow,
    SessionRow,
)
from bangkom.training.domain.catalog import CompetencyStep, Course, CourseStatus, LearningMode
from bangkom.training.domain.demand import SessionPlan
from bangkom.training.domain.enrolments import EnrolmentStatus, SessionRoll
from bangkom.training.domain.sessions import Session, SessionStatus
from bangkom.training.handlers.ports import CourseSearch, Page, SeatCount


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


def _contains(column: Any, text: str) -> Any:
    """Case-insensitive "contains", the same on PostgreSQL and SQLite."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


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
                CourseCompetencyRow(
                    course_code=course.code,
                    competency_code=step.competency_code,
                    level_from=step.level_from,
                    level_to=step.level_to,
                )
            )

    async def search(self, criteria: CourseSearch) -> Page[Course]:
        conditions: list[Any] = []
        step: list[Any] = []
        if criteria.competency_code is not None:
            step.append(CourseCompetencyRow.competency_code == criteria.competency_code)
        if criteria.level is not None:
            step.append(col(CourseCompetencyRow.level_from) <= criteria.level)
            step.append(col(CourseCompetencyRow.level_to) > criteria.level)
        if criteria.target_level is not None:
            step.append(col(CourseCompetencyRow.level_from) < criteria.target_level)
            step.append(col(CourseCompetencyRow.level_to) >= criteria.target_level)
        if step:
            # All conditions on one and the same step of the course.
            conditions.append(
                exists().where(col(CourseCompetencyRow.course_code) == CourseRow.code, *step)
            )
        if criteria.mode is not None:
            conditions.append(CourseRow.mode == criteria.mode)
        if criteria.provider:
            conditions.append(_contains(CourseRow.provider, criteria.provider))
        if criteria.text:
            conditions.append(
                or_(
                    _contains(CourseRow.title, criteria.text),
                    _contains(CourseRow.code, criteria.text),
                )
            )
        if criteria.statuses is not None:
            conditions.append(col(CourseRow.status).in_(criteria.statuses))
        total = await self._session.scalar(
            select(func.count()).select_from(CourseRow).where(*conditions)
        )
        rows = await self._session.exec(
            select(CourseRow)
            .where(*conditions)
            .order_by(col(CourseRow.code))
            .limit(criteria.limit)
            .offset(criteria.offset)
        )
        return Page([_course(row) for row in rows], int(total or 0))

    async def offered_developing(self, competency_codes: Iterable[str]) -> list[Course]:
        codes = set(competency_codes)
        if not codes:
            return []
        rows = await self._session.exec(
            select(CourseRow)
            .where(CourseRow.status == CourseStatus.PUBLISHED.value)
            .where(
                exists().where(
                    col(CourseCompetencyRow.course_code) == CourseRow.code,
                    col(CourseCompetencyRow.competency_code).in_(codes),
                )
            )
            .order_by(col(CourseRow.code))
        )
        return [_course(row) for row in rows]


def _session(row: SessionRow) -> Session:
    return Session(
        code=row.code,
        course_code=row.course_code,
        batch=row.batch,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        capacity=row.capacity,
        enrolment_opens_at=row.enrolment_opens_at,
        enrolment_closes_at=row.enrolment_closes_at,
        location=row.location,
        online_url=row.online_url,
        status=SessionStatus(row.status),
        changed_at=row.changed_at,
    )


UPCOMING = (SessionStatus.PLANNED.value, SessionStatus.OPEN.value, SessionStatus.CLOSED.value)


class SqlSessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, code: str) -> Session | None:
        row = await self._session.get(SessionRow, code)
        return _session(row) if row else None

    async def roll(self, code: str, *, lock: bool) -> SessionRoll | None:
        query = select(SessionRow).where(SessionRow.code == code)
        if lock:
            # FOR UPDATE on PostgreSQL (SQLite serialises writers with BEGIN IMMEDIATE);
            # populate_existing, so a row read earlier in this transaction is refreshed.
            query = query.with_for_update().execution_options(populate_existing=True)
        row = (await self._session.exec(query)).first()
        if row is None:
            return None
        enrolments = await self._session.exec(
            select(EnrolmentRow)
            .where(EnrolmentRow.session_code == code)
            .order_by(col(EnrolmentRow.queue_number))
            .execution_options(populate_existing=True)
        )
        return SessionRoll(_session(row), [enrolment_of(e) for e in enrolments])

    async def save(self, session: Session) -> None:
        await self._session.merge(
            SessionRow(
                code=session.code,
                course_code=session.course_code,
                batch=session.batch,
                starts_on=session.starts_on,
                ends_on=session.ends_on,
                capacity=session.capacity,
                enrolment_opens_at=session.enrolment_opens_at,
                enrolment_closes_at=session.enrolment_closes_at,
                location=session.location,
                online_url=session.online_url,
                status=session.status.value,
                changed_at=session.changed_at,
            )
        )

    async def code_of_batch(self, course_code: str, batch: int) -> str | None:
        return (
            await self._session.exec(
                select(SessionRow.code).where(
                    SessionRow.course_code == course_code, SessionRow.batch == batch
                )
            )
        ).first()

    async def search(
        self, *, course_code: str | None, status: str | None, limit: int, offset: int
    ) -> Page[Session]:
        conditions: list[Any] = []
        if course_code is not None:
            conditions.append(SessionRow.course_code == course_code)
        if status is not None:
            conditions.append(SessionRow.status == status)
        total = await self._session.scalar(
            select(func.count()).select_from(SessionRow).where(*conditions)
        )
        rows = await self._session.exec(
            select(SessionRow)
            .where(*conditions)
            .order_by(col(SessionRow.starts_on), col(SessionRow.code))
            .limit(limit)
            .offset(offset)
        )
        return Page([_session(row) for row in rows], int(total or 0))

    async def open_for(self, course_code: str) -> list[Session]:
        rows = await self._session.exec(
            select(SessionRow).where(
                SessionRow.course_code == course_code,
                SessionRow.status == SessionStatus.OPEN.value,
            )
        )
        return [_session(row) for row in rows]

    async def seat_counts(self, codes: Iterable[str]) -> dict[str, SeatCount]:
        wanted = list(codes)
        counted: dict[str, dict[str, int]] = {code: {} for code in wanted}
        if wanted:
            rows = await self._session.exec(
                select(EnrolmentRow.session_code, EnrolmentRow.status, func.count())
                .where(col(EnrolmentRow.session_code).in_(wanted))
                .group_by(col(EnrolmentRow.session_code), col(EnrolmentRow.status))
            )
            for code, status, count in rows:
                counted[code][status] = count
        return {
            code: SeatCount(
                enrolled=by_status.get(EnrolmentStatus.ENROLLED.value, 0),
                waitlisted=by_status.get(EnrolmentStatus.WAITLISTED.value, 0),
            )
            for code, by_status in counted.items()
        }

    async def plans(self, course_codes: Iterable[str], today: date) -> dict[str, SessionPlan]:
        codes = list(course_codes)
        if not codes:
            return {}
        rows = await self._session.exec(
            select(SessionRow)
            .where(col(SessionRow.course_code).in_(codes))
            .where(SessionRow.status != SessionStatus.CANCELLED.value)
            .order_by(col(SessionRow.starts_on), col(SessionRow.code))
        )
        plans: dict[str, SessionPlan] = {}
        for row in rows:  # ordered by start, so the last one seen is the latest
            known = plans.get(row.course_code, SessionPlan(class_size=None, upcoming=0))
            upcoming = row.status in UPCOMING and row.starts_on > today
            plans[row.course_code] = SessionPlan(
                class_size=row.capacity, upcoming=known.upcoming + upcoming
            )
        return plans
