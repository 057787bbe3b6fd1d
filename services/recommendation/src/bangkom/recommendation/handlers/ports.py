"""What the handlers need from storage; adapters implement it, unit tests fake it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from bangkom.platform.db.uow import UnitOfWork
from bangkom.recommendation.domain.gaps import Gap
from bangkom.recommendation.domain.levels import AssessedLevel
from bangkom.recommendation.domain.model import Placement, PositionStandard, Proposal
from bangkom.recommendation.domain.proposals import Course


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

    async def current(self, nip: str) -> dict[str, int]: ...


class CourseStore(Protocol):
    async def changed_at(self, code: str) -> datetime | None: ...

    async def save(self, course: Course, changed_at: datetime) -> None: ...

    async def developing(self, competency_codes: Iterable[str]) -> list[Course]: ...


class GapStore(Protocol):
    async def replace(
        self, nip: str, gaps: list[Gap], standard_version: int, calculated_at: datetime
    ) -> None: ...

    async def list_for(self, nip: str) -> list[Gap]: ...

    async def nips_with_open_gap(self, competency_codes: Iterable[str]) -> list[str]: ...


class ProposalStore(Protocol):
    async def add(self, proposal: Proposal) -> None: ...

    async def proposed_pairs(self, nip: str) -> set[tuple[str, str]]: ...

    async def list(
        self,
        *,
        nip: str | None = None,
        agencies: frozenset[str] | None = None,
        status: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[Proposal]: ...


class RecommendationUnitOfWork(UnitOfWork, Protocol):
    placements: PlacementStore
    standards: StandardStore
    levels: LevelStore
    courses: CourseStore
    gaps: GapStore
    proposals: ProposalStore
