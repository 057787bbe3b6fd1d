"""Read-model stores on SQL: domain records in, domain records out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.recommendation.adapters.tables import (
    CourseCompetencyRow,
    CourseRow,
    GapRow,
    LevelRow,
    PlacementRow,
    ProposalRow,
    StandardRow,
)
from bangkom.recommendation.domain.gaps import Gap, Requirement
from bangkom.recommendation.domain.levels import AssessedLevel
from bangkom.recommendation.domain.model import (
    Placement,
    PositionStandard,
    Proposal,
    ProposalStatus,
)
from bangkom.recommendation.domain.proposals import Course, CourseStep


class _Store:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session


class SqlPlacementStore(_Store):
    async def get(self, nip: str) -> Placement | None:
        row = await self._session.get(PlacementRow, nip)
        if row is None:
            return None
        return Placement(row.nip, row.agency_code, row.position_code, row.active, row.changed_at)

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

    async def current(self, nip: str) -> dict[str, int]:
        rows = await self._session.exec(
            select(LevelRow.competency_code, LevelRow.level).where(LevelRow.nip == nip)
        )
        return {code: level for code, level in rows}


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
            .where(CourseRow.published == True)  # noqa: E712 (SQL expression)
            .distinct()
        )
        return [
            Course(
                code=row.code,
                title=row.title,
                steps=tuple(CourseStep(**s) for s in row.steps),
                jp=row.jp,
                mode=row.mode,
                cost=row.cost,
                published=row.published,
            )
            for row in rows
        ]


class SqlGapStore(_Store):
    async def replace(
        self, nip: str, gaps: list[Gap], standard_version: int, calculated_at: datetime
    ) -> None:
        await self._session.exec(delete(GapRow).where(col(GapRow.nip) == nip))
        for gap in gaps:
            self._session.add(
                GapRow(
                    nip=nip,
                    competency_code=gap.competency_code,
                    competency_name=gap.competency_name,
                    required_level=gap.required_level,
                    current_level=gap.current_level,
                    status=gap.status.value,
                    standard_version=standard_version,
                    calculated_at=calculated_at,
                )
            )

    async def list_for(self, nip: str) -> list[Gap]:
        rows = await self._session.exec(
            select(GapRow).where(GapRow.nip == nip).order_by(col(GapRow.competency_code))
        )
        return [
            Gap(row.competency_code, row.competency_name, row.required_level, row.current_level)
            for row in rows
        ]

    async def nips_with_open_gap(self, competency_codes: Iterable[str]) -> list[str]:
        rows = await self._session.exec(
            select(GapRow.nip)
            .where(col(GapRow.competency_code).in_(set(competency_codes)))
            .where(GapRow.status == "open")
            .distinct()
        )
        return sorted(rows)


class SqlProposalStore(_Store):
    async def add(self, proposal: Proposal) -> None:
        self._session.add(
            ProposalRow(
                id=proposal.id,
                nip=proposal.nip,
                agency_code=proposal.agency_code,
                competency_code=proposal.competency_code,
                course_code=proposal.course_code,
                current_level=proposal.current_level,
                required_level=proposal.required_level,
                score=proposal.score,
                reasons=list(proposal.reasons),
                status=proposal.status.value,
                created_at=proposal.created_at,
            )
        )

    async def proposed_pairs(self, nip: str) -> set[tuple[str, str]]:
        rows = await self._session.exec(
            select(ProposalRow.competency_code, ProposalRow.course_code).where(
                ProposalRow.nip == nip
            )
        )
        return {(competency, course) for competency, course in rows}

    async def list(
        self,
        *,
        nip: str | None = None,
        agencies: frozenset[str] | None = None,
        status: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[Proposal]:
        query = select(ProposalRow)
        if nip is not None:
            query = query.where(ProposalRow.nip == nip)
        if agencies is not None:
            query = query.where(col(ProposalRow.agency_code).in_(agencies))
        if status is not None:
            query = query.where(ProposalRow.status == status)
        query = (
            query.order_by(col(ProposalRow.created_at).desc(), col(ProposalRow.id))
            .limit(limit)
            .offset(offset)
        )
        return [
            Proposal(
                id=row.id,
                nip=row.nip,
                agency_code=row.agency_code,
                competency_code=row.competency_code,
                course_code=row.course_code,
                current_level=row.current_level,
                required_level=row.required_level,
                score=row.score,
                reasons=tuple(row.reasons),
                status=ProposalStatus(row.status),
                created_at=row.created_at,
            )
            for row in await self._session.exec(query)
        ]
