from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bangkom.recommendation.domain.gaps import Gap, GapStatus
from bangkom.recommendation.domain.levels import AssessedLevel
from bangkom.recommendation.domain.model import Placement, PositionStandard, Proposal
from bangkom.recommendation.domain.proposals import Course
from tests.fakes import FakeUnitOfWorkBase


class FakePlacements:
    def __init__(self) -> None:
        self.rows: dict[str, Placement] = {}

    async def get(self, nip: str) -> Placement | None:
        return self.rows.get(nip)

    async def save(self, placement: Placement) -> None:
        self.rows[placement.nip] = placement

    async def nips_in_position(self, position_code: str) -> list[str]:
        return sorted(n for n, p in self.rows.items() if p.position_code == position_code)


class FakeStandards:
    def __init__(self) -> None:
        self.rows: dict[str, PositionStandard] = {}

    async def get(self, position_code: str) -> PositionStandard | None:
        return self.rows.get(position_code)

    async def save(self, standard: PositionStandard) -> None:
        self.rows[standard.position_code] = standard


class FakeLevels:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], AssessedLevel] = {}

    async def get(self, nip: str, competency_code: str) -> AssessedLevel | None:
        return self.rows.get((nip, competency_code))

    async def save(self, nip: str, level: AssessedLevel) -> None:
        self.rows[(nip, level.competency_code)] = level

    async def current(self, nip: str) -> dict[str, int]:
        return {code: lvl.level for (n, code), lvl in self.rows.items() if n == nip}


class FakeCourses:
    def __init__(self) -> None:
        self.rows: dict[str, tuple[Course, datetime]] = {}

    async def changed_at(self, code: str) -> datetime | None:
        found = self.rows.get(code)
        return found[1] if found else None

    async def save(self, course: Course, changed_at: datetime) -> None:
        self.rows[course.code] = (course, changed_at)

    async def developing(self, competency_codes: Iterable[str]) -> list[Course]:
        codes = set(competency_codes)
        return [
            c
            for c, _ in self.rows.values()
            if c.published and codes & {s.competency_code for s in c.steps}
        ]


class FakeGaps:
    def __init__(self) -> None:
        self.rows: dict[str, list[Gap]] = {}

    async def replace(
        self, nip: str, gaps: list[Gap], standard_version: int, calculated_at: datetime
    ) -> None:
        self.rows[nip] = list(gaps)

    async def list_for(self, nip: str) -> list[Gap]:
        return self.rows.get(nip, [])

    async def nips_with_open_gap(self, competency_codes: Iterable[str]) -> list[str]:
        codes = set(competency_codes)
        return sorted(
            nip
            for nip, gaps in self.rows.items()
            if any(g.competency_code in codes and g.status is GapStatus.OPEN for g in gaps)
        )


class FakeProposals:
    def __init__(self) -> None:
        self.rows: list[Proposal] = []

    async def add(self, proposal: Proposal) -> None:
        self.rows.append(proposal)

    async def proposed_pairs(self, nip: str) -> set[tuple[str, str]]:
        return {(p.competency_code, p.course_code) for p in self.rows if p.nip == nip}

    async def list(
        self,
        *,
        nip: str | None = None,
        agencies: frozenset[str] | None = None,
        status: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[Proposal]:
        found = [
            p
            for p in self.rows
            if (nip is None or p.nip == nip)
            and (agencies is None or p.agency_code in agencies)
            and (status is None or p.status == status)
        ]
        return found[offset : offset + limit]


class FakeRecommendationUnitOfWork(FakeUnitOfWorkBase):
    def __init__(self) -> None:
        super().__init__()
        self.placements = FakePlacements()
        self.standards = FakeStandards()
        self.levels = FakeLevels()
        self.courses = FakeCourses()
        self.gaps = FakeGaps()
        self.proposals = FakeProposals()
