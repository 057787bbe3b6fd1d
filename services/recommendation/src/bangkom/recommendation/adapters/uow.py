"""The recommendation unit of work on SQL."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.catalog import RecommendationAuditRecorded
from bangkom.platform.db.locks import hold_until_commit
from bangkom.platform.db.uow import SqlUnitOfWork
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
from bangkom.recommendation.adapters.satisfaction import SqlSatisfactionStore
from bangkom.recommendation.adapters.summaries import SqlAnalyticsMarks, SqlAnalyticsSummaries
from bangkom.recommendation.adapters.summarised_analytics import SummarisedAnalyticsStore
from bangkom.recommendation.handlers.analytics_ports import AnalyticsStore, AnalyticsSummaries
from bangkom.recommendation.handlers.ports import (
    CourseStore,
    Deferred,
    GapStore,
    LearningStore,
    LevelStore,
    NeedStore,
    PlacementStore,
    ProposalStore,
    RecalculationQueue,
    SatisfactionStore,
    StandardStore,
)

CATALOG_LOCK = "recommendation.catalog"


class SqlRecommendationUnitOfWork(SqlUnitOfWork):
    """Stores keep what a transaction touches and write their changes in bulk; a batch
    of events loads the employees it concerns at once (``prefetch``) and recalculates
    each of them once (``deferred``)."""

    AUDIT_EVENT = RecommendationAuditRecorded

    deferred: dict[str, Deferred] | None = None

    placements: PlacementStore
    standards: StandardStore
    levels: LevelStore
    courses: CourseStore
    needs: NeedStore
    learning: LearningStore
    gaps: GapStore
    proposals: ProposalStore
    recalculations: RecalculationQueue
    satisfaction: SatisfactionStore
    analytics: AnalyticsStore
    summaries: AnalyticsSummaries

    def bind(self, session: AsyncSession) -> None:
        self._session = session
        self._held: set[str] = set()
        self._catalog_held: bool | None = None  # None, or whether held exclusively
        self._marks = SqlAnalyticsMarks(session)
        self._placements = SqlPlacementStore(session, self._marks)
        self._levels = SqlLevelStore(session)
        self._gaps = SqlGapStore(session, self.flush, self._marks)
        self._proposals = SqlProposalStore(session, self.flush)
        self._learning = SqlLearningStore(session, self._placements, self._marks)
        self.placements = self._placements
        self._standards = SqlStandardStore(session)
        self.standards = self._standards
        self.levels = self._levels
        self.courses = SqlCourseStore(session)
        self._needs = SqlNeedStore(session)
        self.needs = self._needs
        self.learning = self._learning
        self.gaps = self._gaps
        self.proposals = self._proposals
        self.recalculations = SqlRecalculationQueue(session, self.flush)
        self.analytics = SummarisedAnalyticsStore(session)
        self.summaries = SqlAnalyticsSummaries(session)
        self.satisfaction = SqlSatisfactionStore(session)

    async def hold_catalog(self, *, exclusive: bool) -> None:
        if self._catalog_held is not None and self._catalog_held >= exclusive:
            return
        await hold_until_commit(self._session, CATALOG_LOCK, shared=not exclusive)
        self._catalog_held = exclusive

    async def hold_employees(self, nips: Iterable[str]) -> None:
        await self.hold_catalog(exclusive=False)
        new = set(nips) - self._held
        await hold_until_commit(self._session, *(f"recommendation.employee:{nip}" for nip in new))
        self._held |= new

    async def prefetch(self, nips: Iterable[str]) -> None:
        wanted = set(nips)
        await self._placements.prefetch(wanted)
        await self._standards.prefetch(self._placements.position_codes(wanted))
        await self._levels.prefetch(wanted)
        await self._gaps.prefetch(wanted)
        await self._proposals.prefetch(wanted)
        await self._learning.prefetch(wanted)
        await self._needs.prefetch(self._placements.agency_codes(wanted))

    async def flush(self) -> None:
        await self._placements.flush()
        await self._levels.flush()
        await self._gaps.flush()
        await self._proposals.flush()
        await self._marks.flush()  # last: the stores above mark what they wrote

    async def commit(self) -> None:
        await self.flush()
        await super().commit()
