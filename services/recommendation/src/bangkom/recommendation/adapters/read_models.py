"""Read models on SQL: what the other services published, as this service needs it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.recommendation.adapters.tables import (
    CompletionRow,
    CourseCompetencyRow,
    CourseRow,
    EnrolmentRow,
    LevelRow,
    NeedRow,
    PlacementRow,
    ResultHistoryRow,
    StandardRow,
)
from bangkom.recommendation.domain.gaps import Requirement
from bangkom.recommendation.domain.levels import AssessedLevel
from bangkom.recommendation.domain.model import (
    AgencyNeed,
    Completion,
    Placement,
    PositionStandard,
)
from bangkom.recommendation.domain.proposals import Course, CourseStep
from bangkom.recommendation.handlers.ports import Learning

FOLLOWING = ("enrolled", "waitlisted")


class _Store:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _insert(self, table: type) -> object:
        bind = self._session.bind
        sqlite = bind is not None and bind.dialect.name == "sqlite"
        return (sqlite_insert if sqlite else postgresql_insert)(table)


class SqlPlacementStore(_Store):
    async def get(self, nip: str) -> Placement | None:
        row = await self._session.get(PlacementRow, nip)
        if row is None:
            return None
        return Placement(
            row.nip,
            row.agency_code,
            row.position_code,
            row.active,
            row.changed_at,
            row.supervisor_nip,
        )

    async def save(self, placement: Placement) -> None:
        await self._session.merge(PlacementRow(**placement.__dict__))

    async def nips_in_position(self, position_code: str) -> list[str]:
        rows = await self._session.exec(
            select(PlacementRow.nip).where(PlacementRow.position_code == position_code)
        )
        return list(rows)


class SqlStandardStore(_Store):
    async def get(self, position_code: str) -> PositionStandard | None:
        row = await self._session.get(StandardRow, position_code)
        if row is None:
            return None
        return PositionStandard(
            position_code=row.position_code,
            agency_code=row.agency_code,
            version=row.version,
            requirements={r["competency_code"]: Requirement(**r) for r in row.requirements},
            published_at=row.published_at,
        )

    async def save(self, standard: PositionStandard) -> None:
        await self._session.merge(
            StandardRow(
                position_code=standard.position_code,
                agency_code=standard.agency_code,
                version=standard.version,
                requirements=[r.__dict__ for r in standard.requirements.values()],
                published_at=standard.published_at,
            )
        )


class SqlLevelStore(_Store):
    async def get(self, nip: str, competency_code: str) -> AssessedLevel | None:
        row = await self._session.get(LevelRow, (nip, competency_code))
        if row is None:
            return None
        return AssessedLevel(
            row.competency_code,
            row.level,
            row.evaluated_at,
            row.result_id,
            row.period,
            row.method_rank,
        )

    async def save(self, nip: str, level: AssessedLevel) -> None:
        await self._session.merge(LevelRow(nip=nip, **level.__dict__))

    async def remember(self, nip: str, level: AssessedLevel) -> None:
        statement = (
            self._insert(ResultHistoryRow)
            .values(  # type: ignore[attr-defined]
                nip=nip, **level.__dict__
            )
            .on_conflict_do_nothing(index_elements=["result_id"])
        )
        await self._session.exec(statement)

    async def current(self, nip: str) -> dict[str, int]:
        rows = await self._session.exec(
            select(LevelRow.competency_code, LevelRow.level).where(LevelRow.nip == nip)
        )
        return {code: level for code, level in rows}

    async def latest_evaluation(self, nip: str) -> datetime | None:
        value: datetime | None = await self._session.scalar(
            select(func.max(LevelRow.evaluated_at)).where(LevelRow.nip == nip)
        )
        return value


def _course(row: CourseRow) -> Course:
    return Course(
        code=row.code,
        title=row.title,
        steps=tuple(CourseStep(**s) for s in row.steps),
        jp=row.jp,
        mode=row.mode,
        cost=row.cost,
        published=row.published,
        provider=row.provider,
        prerequisites=tuple(row.prerequisites),
    )


class SqlCourseStore(_Store):
    async def changed_at(self, code: str) -> datetime | None:
        row = await self._session.get(CourseRow, code)
        return row.changed_at if row else None

    async def save(self, course: Course, changed_at: datetime) -> None:
        await self._session.merge(
            CourseRow(
                code=course.code,
                title=course.title,
                steps=[s.__dict__ for s in course.steps],
                jp=course.jp,
                mode=course.mode,
                provider=course.provider,
                prerequisites=list(course.prerequisites),
                cost=course.cost,
                published=course.published,
                changed_at=changed_at,
            )
        )
        await self._session.exec(
            delete(CourseCompetencyRow).where(col(CourseCompetencyRow.course_code) == course.code)
        )
        for competency_code in {s.competency_code for s in course.steps}:
            self._session.add(
                CourseCompetencyRow(course_code=course.code, competency_code=competency_code)
            )

    async def developing(self, competency_codes: Iterable[str]) -> list[Course]:
        codes = set(competency_codes)
        if not codes:
            return []
        rows = await self._session.exec(
            select(CourseRow)
            .join(CourseCompetencyRow, col(CourseCompetencyRow.course_code) == CourseRow.code)
            .where(col(CourseCompetencyRow.competency_code).in_(codes))
            .where(col(CourseRow.published).is_(True))
            .distinct()
        )
        return [_course(row) for row in rows]


class SqlNeedStore(_Store):
    async def replace(
        self, agency_code: str, needs: list[AgencyNeed], survey_id: str, aggregated_at: datetime
    ) -> None:
        await self._session.exec(delete(NeedRow).where(col(NeedRow.agency_code) == agency_code))
        for need in needs:
            self._session.add(
                NeedRow(**need.__dict__, survey_id=survey_id, aggregated_at=aggregated_at)
            )

    async def aggregated_at(self, agency_code: str) -> datetime | None:
        return await self._session.scalar(
            select(func.max(NeedRow.aggregated_at)).where(NeedRow.agency_code == agency_code)
        )

    async def nearest(self, agency_code: str) -> list[AgencyNeed]:
        segments = agency_code.split(".")
        candidates = [".".join(segments[:n]) for n in range(len(segments), 0, -1)]
        rows = list(
            await self._session.exec(
                select(NeedRow).where(col(NeedRow.agency_code).in_(candidates))
            )
        )
        if not rows:
            return []
        closest = max((r.agency_code for r in rows), key=len)
        return [
            AgencyNeed(r.agency_code, r.competency_code, r.rank, r.priority, r.period)
            for r in rows
            if r.agency_code == closest
        ]


class SqlLearningStore(_Store):
    async def save_enrolment(
        self,
        enrolment_id: str,
        nip: str,
        course_code: str,
        status: str,
        proposal_id: str | None,
        changed_at: datetime,
    ) -> bool:
        known = await self._session.get(EnrolmentRow, enrolment_id)
        if known is not None and known.changed_at > changed_at:
            return False
        await self._session.merge(
            EnrolmentRow(
                enrolment_id=enrolment_id,
                nip=nip,
                course_code=course_code,
                status=status,
                proposal_id=proposal_id,
                changed_at=changed_at,
            )
        )
        return True

    async def save_completion(
        self,
        completion: Completion,
        agency_code: str,
        competencies: list[str],
        year: int,
    ) -> bool:
        if await self._session.get(CompletionRow, completion.completion_id) is not None:
            return False
        self._session.add(
            CompletionRow(
                **completion.__dict__,
                agency_code=agency_code,
                competencies=competencies,
                year=year,
            )
        )
        return True

    async def of_person(self, nip: str, year: int) -> Learning:
        completions = list(
            await self._session.exec(select(CompletionRow).where(CompletionRow.nip == nip))
        )
        followed = await self._session.exec(
            select(EnrolmentRow.course_code).where(
                EnrolmentRow.nip == nip, col(EnrolmentRow.status).in_(FOLLOWING)
            )
        )
        return Learning(
            completed_courses=frozenset(
                c.course_code for c in completions if c.course_code and c.outcome != "failed"
            ),
            followed_courses=frozenset(followed),
            jp_this_year=sum(c.jp for c in completions if c.year == year),
        )
