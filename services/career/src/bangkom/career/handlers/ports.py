"""What the handlers need from storage; adapters implement it, unit tests fake it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bangkom.career.domain.model import DevelopmentPlan, Employee, Position, SuccessionPlan
from bangkom.career.domain.performance import Rating
from bangkom.career.domain.succession import Member
from bangkom.career.domain.talent import AgencyPolicy, Placement
from bangkom.kernel.precedence import AssessedLevel
from bangkom.kernel.proposals import Course
from bangkom.platform.db.uow import UnitOfWork

Scope = frozenset[str] | None  # root agency codes; None = every agency


class EmployeeStore(Protocol):
    async def get(self, nip: str) -> Employee | None: ...

    async def save(self, employee: Employee) -> None: ...

    async def in_position(self, position_code: str) -> list[str]:
        """NIPs of the active employees holding the position."""
        ...


class PositionStore(Protocol):
    async def get(self, code: str) -> Position | None: ...

    async def save(self, position: Position) -> None: ...


class LevelStore(Protocol):
    async def get(self, nip: str, competency_code: str) -> AssessedLevel | None: ...

    async def save(self, nip: str, level: AssessedLevel) -> None: ...

    async def current(self, nip: str) -> dict[str, int]: ...


class RatingStore(Protocol):
    async def get(self, nip: str, year: int) -> Rating | None: ...

    async def save(self, rating: Rating, agency_code: str) -> None: ...

    async def latest(self, nip: str) -> Rating | None: ...

    async def of_employee(self, nip: str) -> list[Rating]: ...


class AssessmentStore(Protocol):
    async def get(self, nip: str) -> tuple[float, datetime] | None: ...

    async def save(self, nip: str, score: float, assessed_at: datetime) -> None: ...


class PolicyStore(Protocol):
    async def get(self, agency_code: str) -> AgencyPolicy | None: ...

    async def save(self, policy: AgencyPolicy, changed_at: datetime) -> None: ...


class PlacementStore(Protocol):
    async def current(self, nip: str) -> Placement | None: ...

    async def save(self, placement: Placement) -> None:
        """The new current placement; the one before stays in the history."""

    async def on(self, nip: str, until: datetime) -> Placement | None:
        """The placement as it was at ``until`` (the last placed at or before it)."""
        ...

    async def listed(
        self, scope: Scope, *, agency_code: str | None, box: int | None, limit: int, offset: int
    ) -> list[Placement]: ...

    async def counts(self, scope: Scope, agency_code: str | None) -> dict[int | None, int]: ...


@dataclass(frozen=True)
class CandidateRow:
    """One eligible employee: their current levels and their box."""

    nip: str
    agency_code: str
    position_code: str
    levels: dict[str, int]
    box: int | None


class CandidateStore(Protocol):
    async def eligible(
        self,
        *,
        candidate_type: str,
        in_position_since_at_most: datetime,
        scope: Scope,
        excluded_position: str,
    ) -> list[CandidateRow]:
        """Every active employee holding a position of ``candidate_type`` in the scope,
        long enough in it, but not the target itself."""
        ...


class SuccessionStore(Protocol):
    async def get(self, position_code: str) -> SuccessionPlan | None: ...

    async def save(self, plan: SuccessionPlan) -> None: ...

    async def remove(self, position_code: str) -> None: ...

    async def with_target_types(self, position_types: Iterable[str]) -> list[SuccessionPlan]:
        """Critical positions whose own type is one of ``position_types``."""
        ...

    async def listed(self, scope: Scope) -> list[SuccessionPlan]: ...

    async def members(self, position_code: str) -> list[Member]: ...

    async def replace_members(self, position_code: str, members: list[Member]) -> None: ...


class CourseStore(Protocol):
    async def changed_at(self, code: str) -> datetime | None: ...

    async def save(self, course: Course, changed_at: datetime) -> None: ...

    async def developing(self, competency_codes: Iterable[str]) -> list[Course]: ...


class CompletionStore(Protocol):
    async def add(self, nip: str, course_code: str) -> None: ...

    async def of_person(self, nip: str) -> frozenset[str]: ...


class PlanStore(Protocol):
    async def add(self, plan: DevelopmentPlan) -> None: ...

    async def get(self, plan_id: str) -> DevelopmentPlan | None: ...

    async def save(self, plan: DevelopmentPlan) -> None: ...

    async def of_person(self, nip: str) -> list[DevelopmentPlan]: ...

    async def link_proposal(
        self, plan_id: str, competency_code: str, course_code: str, proposal_id: str
    ) -> None: ...

    async def proposal_moved(self, proposal_id: str, status: str) -> None:
        """The status of the item whose proposal it is (nothing when none is)."""


@dataclass
class Due:
    """What a transaction's events touched, settled once at its end: employees to place
    again, position types whose critical positions' pools to refresh, critical
    positions to refresh."""

    nips: dict[str, datetime] = field(default_factory=dict)
    candidate_types: set[str] = field(default_factory=set)
    positions: set[str] = field(default_factory=set)

    def employee(self, nip: str, at: datetime) -> None:
        earlier = self.nips.get(nip)
        if earlier is None or at > earlier:
            self.nips[nip] = at


class CareerUnitOfWork(UnitOfWork, Protocol):
    employees: EmployeeStore
    positions: PositionStore
    levels: LevelStore
    ratings: RatingStore
    assessments: AssessmentStore
    policies: PolicyStore
    placements: PlacementStore
    candidates: CandidateStore
    succession: SuccessionStore
    courses: CourseStore
    completions: CompletionStore
    plans: PlanStore
    due: Due

    async def hold_employees(self, nips: Iterable[str]) -> None:
        """Hold these employees until commit: two transactions (overlapping consumer
        batches, a command) never read-modify-write one employee's levels or placement
        at once."""
