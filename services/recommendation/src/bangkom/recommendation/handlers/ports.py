"""What the handlers need from storage; adapters implement it, unit tests fake it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bangkom.kernel.gaps import Gap
from bangkom.kernel.precedence import AssessedLevel
from bangkom.kernel.proposals import Course
from bangkom.platform.db.uow import UnitOfWork
from bangkom.platform.messaging.causation import Cause
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus
from bangkom.recommendation.domain.model import (
    AgencyNeed,
    Completion,
    Placement,
    PositionStandard,
)
from bangkom.recommendation.domain.satisfaction import UnitSatisfaction
from bangkom.recommendation.handlers.analytics_ports import AnalyticsStore, AnalyticsSummaries

Scope = frozenset[str] | None  # root agency codes; None = every agency


@dataclass(frozen=True)
class EmployeeGaps:
    placement: Placement
    standard_version: int | None
    gaps: list[Gap]


class EmployeeViews(Protocol):
    """Reads served outside a unit of work, one statement each: the hot GETs."""

    async def gaps(self, nip: str) -> EmployeeGaps | None:
        """The employee's placement, standard version and current gaps; None when the
        roster does not know them."""


class PlacementStore(Protocol):
    async def get(self, nip: str) -> Placement | None: ...

    async def save(self, placement: Placement) -> None: ...

    async def nips_in_position(self, position_code: str) -> list[str]: ...


class StandardStore(Protocol):
    async def get(self, position_code: str) -> PositionStandard | None: ...

    async def save(self, standard: PositionStandard) -> None: ...


class LevelStore(Protocol):
    async def get(self, nip: str, competency_code: str) -> AssessedLevel | None: ...

    async def save(self, nip: str, level: AssessedLevel) -> None: ...

    async def remember(self, nip: str, level: AssessedLevel) -> None:
        """Keep every result received, current or not, for levels at past dates."""

    async def current(self, nip: str) -> dict[str, int]: ...

    async def latest_evaluation(self, nip: str) -> datetime | None: ...


class CourseStore(Protocol):
    async def changed_at(self, code: str) -> datetime | None: ...

    async def save(self, course: Course, changed_at: datetime) -> None: ...

    async def developing(self, competency_codes: Iterable[str]) -> list[Course]: ...

    async def by_codes(self, codes: Iterable[str]) -> dict[str, Course]:
        """The courses of these codes the catalog holds, published or not, by code."""


class NeedStore(Protocol):
    async def replace(
        self, agency_code: str, needs: list[AgencyNeed], survey_id: str, aggregated_at: datetime
    ) -> None: ...

    async def aggregated_at(self, agency_code: str) -> datetime | None: ...

    async def nearest(self, agency_code: str) -> list[AgencyNeed]:
        """The needs of the agency or, failing that, of the closest agency above it."""


@dataclass(frozen=True)
class Learning:
    completed_courses: frozenset[str]
    followed_courses: frozenset[str]
    jp_this_year: int


class LearningStore(Protocol):
    async def save_enrolment(
        self,
        enrolment_id: str,
        nip: str,
        course_code: str,
        status: str,
        proposal_id: str | None,
        changed_at: datetime,
    ) -> bool:
        """False when a newer state of the enrolment is known already."""

    async def save_completion(
        self,
        completion: Completion,
        agency_code: str,
        competencies: list[str],
        year: int,
    ) -> bool:
        """False when the completion was known already."""

    async def of_person(self, nip: str, year: int) -> Learning: ...


class GapStore(Protocol):
    async def current(self, nip: str) -> list[Gap]: ...

    async def replace(
        self,
        nip: str,
        agency_code: str,
        gaps: list[Gap],
        standard_version: int,
        as_of: datetime,
        *,
        history: bool = True,
    ) -> None: ...

    async def agency_of(self, nip: str) -> str | None: ...

    async def nips_with_open_gap(self, competency_codes: Iterable[str]) -> list[str]: ...


class ProposalStore(Protocol):
    async def add(self, proposal: Proposal) -> None: ...

    async def get(self, proposal_id: str) -> Proposal | None: ...

    async def save(self, proposal: Proposal) -> None: ...

    async def of_person(self, nip: str) -> list[Proposal]: ...

    async def stale(self, *, proposed_before: datetime, limit: int) -> list[Proposal]: ...

    async def list(
        self,
        *,
        nip: str | None = None,
        scope: Scope = None,
        status: ProposalStatus | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[Proposal]: ...

    async def count(
        self,
        *,
        nip: str | None = None,
        scope: Scope = None,
        status: ProposalStatus | None = None,
    ) -> int: ...


class RecalculationQueue(Protocol):
    async def enqueue_position(self, position_code: str, reason: str, as_of: datetime) -> int: ...

    async def enqueue(self, nips: Iterable[str], reason: str, as_of: datetime) -> int: ...

    async def next_waiting(self, limit: int) -> list[str]:
        """Up to ``limit`` queued employees, in order, without claiming them."""

    async def take(self, nips: Iterable[str]) -> list[tuple[str, datetime]]:
        """Claim those of ``nips`` still queued (others' claims skipped), remove them."""

    async def pending(self) -> int: ...


class SatisfactionStore(Protocol):
    async def save(self, record: UnitSatisfaction) -> None: ...

    async def of_unit(self, unit_code: str, period: str) -> UnitSatisfaction | None: ...

    async def staff(self, unit_code: str) -> list[str]: ...

    async def trained(
        self, nips: Iterable[str], competencies: Iterable[str], since: datetime, until: datetime
    ) -> set[str]: ...

    async def in_both(
        self, scope: Scope, before: str, after: str
    ) -> list[tuple[UnitSatisfaction, UnitSatisfaction]]:
        """The units in scope with an IKM of both periods, by unit code."""

    async def completions(
        self, nips: Iterable[str], since: datetime, until: datetime
    ) -> list[CompletionBrief]:
        """Completions (not failed) of ``nips`` between the two instants."""


@dataclass(frozen=True)
class CompletionBrief:
    nip: str
    course_code: str | None
    competencies: list[str]


@dataclass(frozen=True)
class Deferred:
    """An employee's recalculation held until the end of a batch of events."""

    as_of: datetime  # the latest business time among the events that touched them
    traceparent: str  # the trace of that event: what follows is its consequence
    cause: Cause | None


class RecommendationUnitOfWork(UnitOfWork, Protocol):
    # Employees to recalculate once at the end of a batch (None: recalculate at once).
    deferred: dict[str, Deferred] | None
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

    async def hold_catalog(self, *, exclusive: bool) -> None:
        """Wait for, then keep until this transaction ends, the catalog (courses and
        standards): shared by whoever recalculates employees, exclusive for a change to
        it. A new course and a new gap committed side by side would otherwise each miss
        the other: the gap finds no course, the course finds no gap, and no proposal is
        ever made. Taken before any employee."""

    async def hold_employees(self, nips: Iterable[str]) -> None:
        """Wait for, then keep until this transaction ends, the right to change and
        recalculate these employees (the catalog shared first). Called before reading
        them: a transaction that changes what their gaps depend on and one that
        recalculates them then never overlap, so neither calculates from a view the
        other is about to make stale."""

    async def prefetch(self, nips: Iterable[str]) -> None:
        """Load at once what the employees of a batch will need."""
