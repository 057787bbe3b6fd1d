"""The recommendation unit of work on SQL."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.uow import SqlUnitOfWork
from bangkom.recommendation.adapters.stores import (
    SqlCourseStore,
    SqlGapStore,
    SqlLevelStore,
    SqlPlacementStore,
    SqlProposalStore,
    SqlStandardStore,
)
from bangkom.recommendation.handlers.ports import (
    CourseStore,
    GapStore,
    LevelStore,
    PlacementStore,
    ProposalStore,
    StandardStore,
)


class SqlRecommendationUnitOfWork(SqlUnitOfWork):
    placements: PlacementStore
    standards: StandardStore
    levels: LevelStore
    courses: CourseStore
    gaps: GapStore
    proposals: ProposalStore

    def bind(self, session: AsyncSession) -> None:
        self.placements = SqlPlacementStore(session)
        self.standards = SqlStandardStore(session)
        self.levels = SqlLevelStore(session)
        self.courses = SqlCourseStore(session)
        self.gaps = SqlGapStore(session)
        self.proposals = SqlProposalStore(session)
