"""Read models on SQL: what the other services published, as this service needs it.

Each store keeps what one transaction loaded or changed (a batch of events touches the
same employees again and again) and writes its changes in bulk when the unit of work
commits (``flush``). A query that reads across employees flushes first.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.kernel.agencies import ancestors
from bangkom.kernel.business_time import supersedes_state
from bangkom.kernel.gaps import Requirement
from bangkom.kernel.precedence import AssessedLevel
from bangkom.kernel.proposals import Course, CourseStep
from bangkom.platform.db.bulk import upsert
from bangkom.platform.db.lists import listed
from bangkom.platform.db.reads import fetch_listed
from bangkom.recommendation.adapters.summaries import SqlAnalyticsMarks
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
from bangkom.recommendation.domain.model import (
    AgencyNeed,
    Completion,
    Placement,
    PositionStandard,
)
from bangkom.recommendation.handlers.ports import Learning

FOLLOWING = ("enrolled", "waitlisted")


# Prefetches read plain columns, not ORM rows: they load a batch's employees at once,
# and building ORM objects cost more than the rest of their work.
PLACEMENT_COLUMNS: tuple[Any, ...] = (
    PlacementRow.nip,
    PlacementRow.agency_code,
    PlacementRow.position_code,
    PlacementRow.active,
    PlacementRow.changed_at,
    PlacementRow.supervisor_nip,
    PlacementRow.employment_type,
)


class SqlPlacementStore:
    def __init__(self, session: AsyncSession, marks: SqlAnalyticsMarks) -> None:
        self._session = session
        self._marks = marks
        self._known: dict[str, Placement | None] = {}
        self._stored: dict[str, Placement | None] = {}  # as the database holds them
        self._dirty: dict[str, Placement] = {}

    async def prefetch(self, nips: Iterable[str]) -> None:
        wanted = [n for n in set(nips) if n not in self._known]
        if not wanted:
            return
        rows = await fetch_listed(self._session, _placements_of, wanted)
        found = {row[0]: Placement(*row) for row in rows}
        for nip in wanted:
            self._known[nip] = self._stored[nip] = found.get(nip)

    async def get(self, nip: str) -> Placement | None:
        if nip not in self._known:
            await self.prefetch([nip])
        return self._known[nip]

    def position_codes(self, nips: Iterable[str]) -> set[str]:
        """The positions of the given (prefetched) employees."""
        return {p.position_code for n in nips if (p := self._known.get(n)) is not None}

    def agency_codes(self, nips: Iterable[str]) -> set[str]:
        """The agencies of the given (prefetched) employees."""
        return {p.agency_code for n in nips if (p := self._known.get(n)) is not None}

    async def save(self, placement: Placement) -> None:
        await self.prefetch([placement.nip])  # what it was, for the analytics marks
        self._known[placement.nip] = placement
        self._dirty[placement.nip] = placement

    async def nips_in_position(self, position_code: str) -> list[str]:
        await self.flush()
        rows = await self._session.exec(
            select(PlacementRow.nip).where(PlacementRow.position_code == position_code)
        )
        return list(rows)

    async def flush(self) -> None:
        for nip, placement in self._dirty.items():
            before = self._stored.get(nip)
            if before is None or _counted_as(before) != _counted_as(placement):
                self._marks.mark(before.agency_code if before else None, placement.agency_code)
            self._stored[nip] = placement
        await upsert(
            self._session, PlacementRow, [p.__dict__ for p in self._dirty.values()], ["nip"]
        )
        self._dirty.clear()


def _counted_as(placement: Placement) -> tuple[str, bool, str]:
    """What of a placement the analytics figures count by (a change marks its agencies,
    the one it left and the one it joined)."""
    return placement.agency_code, placement.active, placement.employment_type


class SqlStandardStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._known: dict[str, PositionStandard | None] = {}

    async def prefetch(self, position_codes: Iterable[str]) -> None:
        wanted = [c for c in set(position_codes) if c not in self._known]
        if not wanted:
            return
        for code in wanted:
            self._known[code] = None
        rows = await fetch_listed(self._session, _standards_of, wanted)
        for row in rows:
            self._known[row.position_code] = PositionStandard(
                position_code=row.position_code,
                agency_code=row.agency_code,
                version=row.version,
                requirements={r["competency_code"]: Requirement(**r) for r in row.requirements},
                published_at=row.published_at,
            )

    async def get(self, position_code: str) -> PositionStandard | None:
        if position_code not in self._known:
            await self.prefetch([position_code])
        return self._known[position_code]

    async def save(self, standard: PositionStandard) -> None:
        self._known[standard.position_code] = standard
        await self._session.merge(
            StandardRow(
                position_code=standard.position_code,
                agency_code=standard.agency_code,
                version=standard.version,
                requirements=[r.__dict__ for r in standard.requirements.values()],
                published_at=standard.published_at,
            )
        )


LEVEL_COLUMNS: tuple[Any, ...] = (
    LevelRow.competency_code,
    LevelRow.level,
    LevelRow.evaluated_at,
    LevelRow.result_id,
    LevelRow.period,
    LevelRow.method_rank,
)


class SqlLevelStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._levels: dict[str, dict[str, AssessedLevel]] = {}  # nip -> competency -> level
        self._dirty: dict[tuple[str, str], AssessedLevel] = {}
        self._history: dict[str, dict[str, Any]] = {}

    async def prefetch(self, nips: Iterable[str]) -> None:
        wanted = [n for n in set(nips) if n not in self._levels]
        if not wanted:
            return
        for nip in wanted:
            self._levels[nip] = {}
        rows = await fetch_listed(self._session, _levels_of, wanted)
        for nip, *values in rows:
            level = AssessedLevel(*values)
            self._levels[nip][level.competency_code] = level

    async def _of(self, nip: str) -> dict[str, AssessedLevel]:
        if nip not in self._levels:
            await self.prefetch([nip])
        return self._levels[nip]

    async def get(self, nip: str, competency_code: str) -> AssessedLevel | None:
        return (await self._of(nip)).get(competency_code)

    async def save(self, nip: str, level: AssessedLevel) -> None:
        (await self._of(nip))[level.competency_code] = level
        self._dirty[(nip, level.competency_code)] = level

    async def remember(self, nip: str, level: AssessedLevel) -> None:
        self._history.setdefault(level.result_id, {"nip": nip, **level.__dict__})

    async def current(self, nip: str) -> dict[str, int]:
        return {code: level.level for code, level in (await self._of(nip)).items()}

    async def latest_evaluation(self, nip: str) -> datetime | None:
        levels = (await self._of(nip)).values()
        return max((level.evaluated_at for level in levels), default=None)

    async def flush(self) -> None:
        await upsert(
            self._session,
            LevelRow,
            [{"nip": nip, **level.__dict__} for (nip, _), level in self._dirty.items()],
            ["nip", "competency_code"],
        )
        await upsert(
            self._session,
            ResultHistoryRow,
            list(self._history.values()),
            ["result_id"],
            update=False,
        )
        self._dirty.clear()
        self._history.clear()


class _CourseColumns(NamedTuple):
    """A course row as ``_courses_of`` reads it (and ``_published_developing``, after the
    competency code)."""

    code: str
    title: str
    steps: list[dict[str, Any]]
    jp: int
    mode: str
    cost: int
    published: bool
    provider: str
    prerequisites: list[str]


COURSE_COLUMNS: tuple[Any, ...] = tuple(getattr(CourseRow, name) for name in _CourseColumns._fields)


def _course(row: _CourseColumns) -> Course:
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


class SqlCourseStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        # Published courses by the competency they develop, loaded as competencies come
        # up in the transaction (not the whole catalog: a province's has hundreds).
        self._developing: dict[str, dict[str, Course]] = {}

    async def changed_at(self, code: str) -> datetime | None:
        row = await self._session.get(CourseRow, code)
        return row.changed_at if row else None

    async def save(self, course: Course, changed_at: datetime) -> None:
        self._developing.clear()
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
        wanted = sorted(codes - self._developing.keys())
        if wanted:
            rows = await fetch_listed(self._session, _published_developing, wanted)
            found_now: dict[str, dict[str, Course]] = {code: {} for code in wanted}
            courses: dict[str, Course] = {}
            for competency_code, *values in rows:
                row = _CourseColumns(*values)
                if row.code not in courses:  # one object for a course in several rows
                    courses[row.code] = _course(row)
                found_now[competency_code][row.code] = courses[row.code]
            self._developing |= found_now
        found: dict[str, Course] = {}
        for code in sorted(codes):
            found |= self._developing[code]
        return list(found.values())

    async def by_codes(self, codes: Iterable[str]) -> dict[str, Course]:
        wanted = sorted(set(codes))
        if not wanted:
            return {}
        rows = await fetch_listed(self._session, _courses_of, wanted)
        return {row.code: _course(_CourseColumns(*row)) for row in rows}


class SqlNeedStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._nearest: dict[str, list[AgencyNeed]] = {}

    async def replace(
        self, agency_code: str, needs: list[AgencyNeed], survey_id: str, aggregated_at: datetime
    ) -> None:
        self._nearest.clear()
        await self._session.exec(delete(NeedRow).where(col(NeedRow.agency_code) == agency_code))
        for need in needs:
            self._session.add(
                NeedRow(**need.__dict__, survey_id=survey_id, aggregated_at=aggregated_at)
            )

    async def aggregated_at(self, agency_code: str) -> datetime | None:
        row = (
            await self._session.exec(
                select(NeedRow.aggregated_at).where(NeedRow.agency_code == agency_code).limit(1)
            )
        ).first()
        return row

    async def prefetch(self, agency_codes: Iterable[str]) -> None:
        """The needs nearest to each of these agencies, in one query for all."""
        wanted = [a for a in set(agency_codes) if a not in self._nearest]
        if not wanted:
            return
        candidates = {a: set(ancestors(a)) for a in wanted}
        codes = {code for above in candidates.values() for code in above}
        rows = await fetch_listed(self._session, _needs_of, codes)
        for agency_code, above in candidates.items():
            closest = max(
                (r.agency_code for r in rows if r.agency_code in above), key=len, default=None
            )
            self._nearest[agency_code] = [
                AgencyNeed(r.agency_code, r.competency_code, r.rank, r.priority, r.period)
                for r in rows
                if r.agency_code == closest
            ]

    async def nearest(self, agency_code: str) -> list[AgencyNeed]:
        await self.prefetch([agency_code])
        return self._nearest[agency_code]


COMPLETION_COLUMNS: tuple[Any, ...] = (  # the year, then a Completion's fields
    CompletionRow.year,
    CompletionRow.completion_id,
    CompletionRow.nip,
    CompletionRow.course_code,
    CompletionRow.outcome,
    CompletionRow.jp,
    CompletionRow.completed_at,
)


class SqlLearningStore:
    def __init__(
        self, session: AsyncSession, placements: SqlPlacementStore, marks: SqlAnalyticsMarks
    ) -> None:
        self._session = session
        self._placements = placements
        self._marks = marks
        self._completions: dict[str, list[tuple[Completion, int]]] = {}
        self._followed: dict[str, set[str]] = {}

    async def prefetch(self, nips: Iterable[str]) -> None:
        wanted = [n for n in set(nips) if n not in self._completions]
        if not wanted:
            return
        for nip in wanted:
            self._completions[nip], self._followed[nip] = [], set()
        for year, *values in await fetch_listed(self._session, _completions_of, wanted):
            completion = Completion(*values)
            self._completions[completion.nip].append((completion, year))
        for nip, course in await fetch_listed(self._session, _followed_by, wanted):
            self._followed[nip].add(course)

    def _forget(self, nip: str) -> None:
        self._completions.pop(nip, None)
        self._followed.pop(nip, None)

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
        if not supersedes_state(changed_at, known.changed_at if known else None):
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
        await self._session.flush()
        self._forget(nip)
        return True

    async def save_completion(
        self, completion: Completion, agency_code: str, competencies: list[str], year: int
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
        await self._session.flush()
        self._forget(completion.nip)
        # The JP count toward the 20 JP of the agency the employee is in now.
        placement = await self._placements.get(completion.nip)
        self._marks.mark(placement.agency_code if placement else None)
        return True

    async def of_person(self, nip: str, year: int) -> Learning:
        if nip not in self._completions:
            await self.prefetch([nip])
        completions = self._completions[nip]
        return Learning(
            completed_courses=frozenset(
                c.course_code for c, _ in completions if c.course_code and c.counts
            ),
            followed_courses=frozenset(self._followed[nip]),
            jp_this_year=sum(c.jp for c, y in completions if y == year),
        )


# Prefetch statements, built once per dialect (see bangkom.platform.db.lists).
@lru_cache(maxsize=2)
def _placements_of(postgresql: bool) -> Any:
    return select(*PLACEMENT_COLUMNS).where(listed(PlacementRow.nip, postgresql))


@lru_cache(maxsize=2)
def _standards_of(postgresql: bool) -> Any:
    return select(StandardRow).where(listed(StandardRow.position_code, postgresql))


@lru_cache(maxsize=2)
def _levels_of(postgresql: bool) -> Any:
    return select(LevelRow.nip, *LEVEL_COLUMNS).where(listed(LevelRow.nip, postgresql))


@lru_cache(maxsize=2)
def _published_developing(postgresql: bool) -> Any:
    """Published courses by a competency they develop, in course order (a stable answer;
    proposing does not depend on it)."""
    return (
        select(CourseCompetencyRow.competency_code, *COURSE_COLUMNS)
        .join(CourseRow, col(CourseRow.code) == col(CourseCompetencyRow.course_code))
        .where(col(CourseRow.published), listed(CourseCompetencyRow.competency_code, postgresql))
        .order_by(col(CourseRow.code))
    )


@lru_cache(maxsize=2)
def _courses_of(postgresql: bool) -> Any:
    return select(*COURSE_COLUMNS).where(listed(CourseRow.code, postgresql))


@lru_cache(maxsize=2)
def _needs_of(postgresql: bool) -> Any:
    return select(NeedRow).where(listed(NeedRow.agency_code, postgresql))


@lru_cache(maxsize=2)
def _completions_of(postgresql: bool) -> Any:
    return select(*COMPLETION_COLUMNS).where(listed(CompletionRow.nip, postgresql))


@lru_cache(maxsize=2)
def _followed_by(postgresql: bool) -> Any:
    return select(EnrolmentRow.nip, EnrolmentRow.course_code).where(
        listed(EnrolmentRow.nip, postgresql), col(EnrolmentRow.status).in_(FOLLOWING)
    )
