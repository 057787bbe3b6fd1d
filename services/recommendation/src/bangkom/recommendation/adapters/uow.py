"""The recommendation unit of work on SQL."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.db.uow import SqlUnitOfWork
from bangkom.recommendation.adapters.analytics import SqlAnalyticsStore
from bangkom.recommendation.adapters.gaps import SqlGapStore, SqlRecalculationQueue
from bangkom.recommendation.adapters.proposals import SqlProposalStore
from bangkom.recommendation.adapters.read_models import (
    SqlCourseStore,
    SqlLearningStore,
    SqlLevelStore,
    SqlNeedStore,
    SqlPlacementStore,
    SqlStandardStore,
)
from bangkom.recommendation.handlers.analytics_ports import AnalyticsStore
from bangkom.recommendation.handlers.ports import (
    CourseStore,
    GapStore,
    LearningStore,
    LevelStore,
    NeedStore,
    PlacementStore,
    ProposalStore,
    RecalculationQueue,
    StandardStore,
)


class SqlRecommendationUnitOfWork(SqlUnitOfWork):
    placements: PlacementStore
    standards: StandardStore
    levels: LevelStore
    courses: CourseStore
    needs: NeedStore
    learning: LearningStore
    gaps: GapStore
    proposals: ProposalStore
    recalculations: RecalculationQueue
    analytics: AnalyticsStore

    def bind(self, session: AsyncSession) -> None:
        self.placements = SqlPlacementStore(session)
        self.standards = SqlStandardStore(session)
        self.levels = SqlLevelStore(session)
        self.courses = SqlCourseStore(session)
        self.needs = SqlNeedStore(session)
        self.learning = SqlLearningStore(session)
        self.gaps = SqlGapStore(session)
        self.proposals = SqlProposalStore(session)
        self.recalculations = SqlRecalculationQueue(session)
        self.analytics = SqlAnalyticsStore(session)
