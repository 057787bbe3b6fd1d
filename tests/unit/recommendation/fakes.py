from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bangkom.kernel.agencies import covers
from bangkom.kernel.business_time import supersedes_state
from bangkom.kernel.gaps import Gap, GapStatus
from bangkom.kernel.precedence import AssessedLevel
from bangkom.kernel.proposals import Course
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus
from bangkom.recommendation.domain.model import (
    AgencyNeed,
    Completion,
    Placement,
    PositionStandard,
)
from bangkom.recommendation.handlers.ports import Deferred, Learning
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
        self.history: dict[str, AssessedLevel] = {}

    async def get(self, nip: str, competency_code: str) -> AssessedLevel | None:
        return self.rows.get((nip, competency_code))

    async def save(self, nip: str, level: AssessedLevel) -> None:
        self.rows[(nip, level.competency_code)] = level

    async def remember(self, nip: str, level: AssessedLevel) -> None:
        self.history.setdefault(level.result_id, level)

    async def current(self, nip: str) -> dict[str, int]:
        return {code: lvl.level for (n, code), lvl in self.rows.items() if n == nip}

    async def latest_evaluation(self, nip: str) -> datetime | None:
        mine = [lvl.evaluated_at for (n, _), lvl in self.rows.items() if n == nip]
        return max(mine) if mine else None


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

    async def by_codes(self, codes: Iterable[str]) -> dict[str, Course]:
        return {code: self.rows[code][0] for code in set(codes) if code in self.rows}


class FakeNeeds:
    def __init__(self) -> None:
        self.rows: dict[str, tuple[list[AgencyNeed], datetime]] = {}

    async def replace(
        self, agency_code: str, needs: list[AgencyNeed], survey_id: str, aggregated_at: datetime
    ) -> None:
        self.rows[agency_code] = (needs, aggregated_at)

    async def aggregated_at(self, agency_code: str) -> datetime | None:
        found = self.rows.get(agency_code)
        return found[1] if found else None

    async def nearest(self, agency_code: str) -> list[AgencyNeed]:
        covering = [a for a in self.rows if covers(a, agency_code)]
        return self.rows[max(covering, key=len)][0] if covering else []


class FakeLearning:
    def __init__(self) -> None:
        self.enrolments: dict[str, tuple[str, str, str, datetime]] = {}
        self.completions: dict[str, tuple[Completion, int]] = {}

    async def save_enrolment(
        self,
        enrolment_id: str,
        nip: str,
        course_code: str,
        status: str,
        proposal_id: str | None,
        changed_at: datetime,
    ) -> bool:
        known = self.enrolments.get(enrolment_id)
        if not supersedes_state(changed_at, known[3] if known else None):
            return False
        self.enrolments[enrolment_id] = (nip, course_code, status, changed_at)
        return True

    async def save_completion(
        self, completion: Completion, agency_code: str, competencies: list[str], year: int
    ) -> bool:
        if completion.completion_id in self.completions:
            return False
        self.completions[completion.completion_id] = (completion, year)
        return True

    async def of_person(self, nip: str, year: int) -> Learning:
        mine = [(c, y) for c, y in self.completions.values() if c.nip == nip]
        return Learning(
            completed_courses=frozenset(
                c.course_code for c, _ in mine if c.course_code and c.counts
            ),
            followed_courses=frozenset(
                course
                for n, course, status, _ in self.enrolments.values()
                if n == nip and status in ("enrolled", "waitlisted")
            ),
            jp_this_year=sum(c.jp for c, y in mine if y == year),
        )


class FakeGaps:
    def __init__(self) -> None:
        self.rows: dict[str, list[Gap]] = {}
        self.agencies: dict[str, str] = {}
        self.history: list[tuple[str, datetime, list[Gap]]] = []

    async def current(self, nip: str) -> list[Gap]:
        return list(self.rows.get(nip, []))

    async def replace(
        self,
        nip: str,
        agency_code: str,
        gaps: list[Gap],
        standard_version: int,
        as_of: datetime,
        *,
        history: bool = True,
    ) -> None:
        self.rows[nip] = list(gaps)
        self.agencies[nip] = agency_code
        if history:
            self.history.append((nip, as_of, list(gaps)))

    async def agency_of(self, nip: str) -> str | None:
        return self.agencies.get(nip)

    async def nips_with_open_gap(self, competency_codes: Iterable[str]) -> list[str]:
        codes = set(competency_codes)
        return sorted(
            nip
            for nip, gaps in self.rows.items()
            if any(g.competency_code in codes and g.status is GapStatus.OPEN for g in gaps)
        )


class FakeProposals:
    def __init__(self) -> None:
        self.rows: dict[str, Proposal] = {}

    async def add(self, proposal: Proposal) -> None:
        self.rows[proposal.id] = proposal

    async def get(self, proposal_id: str) -> Proposal | None:
        return self.rows.get(proposal_id)

    async def save(self, proposal: Proposal) -> None:
        self.rows[proposal.id] = proposal

    async def of_person(self, nip: str) -> list[Proposal]:
        return sorted((p for p in self.rows.values() if p.nip == nip), key=lambda p: p.created_at)

    async def stale(self, *, proposed_before: datetime, limit: int) -> list[Proposal]:
        return [
            p
            for p in self.rows.values()
            if p.status is ProposalStatus.PROPOSED and p.created_at < proposed_before
        ][:limit]

    async def list(
        self,
        *,
        nip: str | None = None,
        scope: frozenset[str] | None = None,
        status: ProposalStatus | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[Proposal]:
        found = [
            p
            for p in self.rows.values()
            if (nip is None or p.nip == nip)
            and (scope is None or any(covers(r, p.agency_code) for r in scope))
            and (status is None or p.status is status)
        ]
        return found[offset : offset + limit]

    async def count(
        self,
        *,
        nip: str | None = None,
        scope: frozenset[str] | None = None,
        status: ProposalStatus | None = None,
    ) -> int:
        return len(await self.list(nip=nip, scope=scope, status=status, limit=10**9))


class FakeRecalculations:
    def __init__(self, placements: FakePlacements) -> None:
        self._placements = placements
        self.queue: dict[str, datetime] = {}

    async def enqueue_position(self, position_code: str, reason: str, as_of: datetime) -> int:
        nips = [
            n
            for n, p in self._placements.rows.items()
            if p.position_code == position_code and p.active
        ]
        for nip in nips:
            self.queue[nip] = as_of
        return len(nips)

    async def enqueue(self, nips: Iterable[str], reason: str, as_of: datetime) -> int:
        wanted = set(nips)
        for nip in wanted:
            self.queue[nip] = as_of
        return len(wanted)

    async def next_waiting(self, limit: int) -> list[str]:
        return sorted(self.queue)[:limit]

    async def take(self, nips: Iterable[str]) -> list[tuple[str, datetime]]:
        return [(nip, self.queue.pop(nip)) for nip in sorted(set(nips)) if nip in self.queue]

    async def pending(self) -> int:
        return len(self.queue)


class FakeRecommendationUnitOfWork(FakeUnitOfWorkBase):
    deferred: dict[str, Deferred] | None = None

    async def prefetch(self, nips: Iterable[str]) -> None:
        """Everything is in memory already."""

    async def hold_catalog(self, *, exclusive: bool) -> None:
        """One transaction at a time in memory: nothing to wait for."""

    async def hold_employees(self, nips: Iterable[str]) -> None:
        """One transaction at a time in memory: nothing to wait for."""

    def __init__(self) -> None:
        super().__init__()
        self.placements = FakePlacements()
        self.standards = FakeStandards()
        self.levels = FakeLevels()
        self.courses = FakeCourses()
        self.needs = FakeNeeds()
        self.learning = FakeLearning()
        self.gaps = FakeGaps()
        self.proposals = FakeProposals()
        self.recalculations = FakeRecalculations(self.placements)
