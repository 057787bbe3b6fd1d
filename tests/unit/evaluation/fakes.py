from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from bangkom.evaluation.domain.agency import Agency
from bangkom.evaluation.domain.case_import import FrameworkDraft
from bangkom.evaluation.domain.framework import (
    Competency,
    Framework,
    PositionType,
    TechnicalDefinition,
)
from bangkom.evaluation.domain.model import AssessmentResult, Employee, Position
from bangkom.evaluation.domain.roster_search import RosterSearch
from bangkom.evaluation.domain.training_evaluation import EvaluationStatus, TrainingEvaluation
from bangkom.kernel.agencies import covers
from tests.fakes import FakeUnitOfWorkBase

Scope = frozenset[str] | None


def _in(scope: Scope, code: str) -> bool:
    return scope is None or any(covers(root, code) for root in scope)


class FakeAgencies:
    def __init__(self) -> None:
        self.rows: dict[str, Agency] = {}

    async def get(self, code: str) -> Agency | None:
        return self.rows.get(code)

    async def save(self, agency: Agency) -> None:
        self.rows[agency.code] = agency

    async def list(
        self, *, scope: Scope, parent_code: str | None, limit: int, offset: int
    ) -> list[Agency]:
        found = [
            a
            for code, a in sorted(self.rows.items())
            if _in(scope, code) and (parent_code is None or a.parent_code == parent_code)
        ]
        return found[offset : offset + limit]


class FakeFrameworks:
    def __init__(self) -> None:
        self.rows: dict[int, Framework] = {}

    async def current(self) -> Framework | None:
        return self.rows[max(self.rows)] if self.rows else None

    async def get(self, version: int) -> Framework | None:
        return self.rows.get(version)

    async def versions(self) -> list[tuple[int, datetime]]:
        return [(v, f.published_at) for v, f in sorted(self.rows.items())]

    async def add(self, framework: Framework) -> None:
        self.rows[framework.version] = framework

    async def history(self) -> list[Framework]:
        return [f for _, f in sorted(self.rows.items())]

    async def mark_public(self, version: int, public: bool) -> None:
        if version in self.rows:
            self.rows[version] = replace(self.rows[version], public=public)


class FakeFrameworkDrafts:
    def __init__(self) -> None:
        self.rows: dict[str, FrameworkDraft] = {}

    async def add(self, draft: FrameworkDraft) -> None:
        self.rows[draft.id] = draft

    async def get(self, draft_id: str) -> FrameworkDraft | None:
        return self.rows.get(draft_id)

    async def list(self, *, limit: int, offset: int) -> list[FrameworkDraft]:
        newest = sorted(self.rows.values(), key=lambda d: d.created_at, reverse=True)
        return newest[offset : offset + limit]

    async def mark_published(self, draft_id: str, version: int, at: datetime) -> None:
        self.rows[draft_id] = replace(self.rows[draft_id], published_version=version)


class FakeTechnical:
    def __init__(self) -> None:
        self.rows: dict[str, TechnicalDefinition] = {}

    async def get(self, code: str) -> tuple[Competency, int] | None:
        found = self.rows.get(code)
        return (found.competency, found.version) if found else None

    async def save(self, competency: Competency, version: int, changed_at: datetime) -> None:
        self.rows[competency.code] = TechnicalDefinition(competency, version, changed_at)

    async def list(self, *, scope: Scope) -> list[TechnicalDefinition]:
        return [
            t for _, t in sorted(self.rows.items()) if _in(scope, t.competency.agency_code or "")
        ]


class FakePositions:
    def __init__(self) -> None:
        self.rows: dict[str, Position] = {}

    async def get(self, code: str) -> Position | None:
        found = self.rows.get(code)
        return replace(found) if found else None

    async def save(self, position: Position) -> None:
        self.rows[position.code] = replace(position)

    async def of_types(self, types: Iterable[PositionType]) -> list[Position]:
        wanted = set(types)
        return [replace(p) for p in self.rows.values() if p.position_type in wanted]

    async def of_codes(self, codes: Iterable[str]) -> dict[str, Position]:
        return {c: replace(self.rows[c]) for c in set(codes) if c in self.rows}

    async def list(self, *, scope: Scope, limit: int, offset: int) -> list[Position]:
        found = [p for c, p in sorted(self.rows.items()) if _in(scope, p.agency_code)]
        return found[offset : offset + limit]


class FakeEmployees:
    def __init__(self) -> None:
        self.rows: dict[str, Employee] = {}

    async def prefetch(self, nips: Iterable[str]) -> None:
        """Everything is in memory already."""

    async def get(self, nip: str) -> Employee | None:
        return self.rows.get(nip)

    async def agencies_of(self, nips: Iterable[str]) -> dict[str, str]:
        return {n: e.agency_code for n in nips if (e := self.rows.get(n)) is not None}

    async def save(self, employee: Employee) -> None:
        self.rows[employee.nip] = employee

    async def count_on_positions(self, position_codes: Iterable[str]) -> dict[str, int]:
        codes = set(position_codes)
        counted = Counter(e.position_code for e in self.rows.values() if e.active)
        return {code: n for code, n in counted.items() if code in codes}

    async def list(
        self,
        *,
        scope: Scope,
        active: bool | None,
        limit: int,
        offset: int,
        search: RosterSearch | None = None,
    ) -> list[Employee]:
        found = [
            e
            for n, e in sorted(self.rows.items())
            if _in(scope, e.agency_code)
            and (active is None or e.active == active)
            and (search is None or search.matches(e.nip, e.name))
        ]
        return found[offset : offset + limit]


def _natural_key(result: AssessmentResult) -> tuple[object, ...]:
    return (result.nip, result.competency_code, result.method, result.evaluated_at)


class FakeResults:
    def __init__(self) -> None:
        self.rows: list[AssessmentResult] = []

    async def add(self, result: AssessmentResult) -> AssessmentResult:
        key = (result.nip, result.competency_code, result.method, result.evaluated_at)
        for row in self.rows:
            if (row.nip, row.competency_code, row.method, row.evaluated_at) == key:
                return row
        self.rows.append(result)
        return result

    async def recorded_as(self, result: AssessmentResult) -> AssessmentResult | None:
        return next((r for r in self.rows if _natural_key(r) == _natural_key(result)), None)

    async def add_many(self, results: list[AssessmentResult]) -> list[AssessmentResult]:
        """What is new by the natural key (employee, competency, method, time)."""
        known = {_natural_key(r) for r in self.rows}
        new = [r for r in results if _natural_key(r) not in known]
        self.rows.extend(new)
        return new

    async def list_for(self, nip: str) -> list[AssessmentResult]:
        return sorted((r for r in self.rows if r.nip == nip), key=lambda r: r.evaluated_at)

    async def of_employees(self, nips: Iterable[str]) -> list[AssessmentResult]:
        wanted = set(nips)
        return [r for r in self.rows if r.nip in wanted]


class FakeTrainingEvaluations:
    def __init__(self) -> None:
        self.rows: dict[str, TrainingEvaluation] = {}

    async def get(self, evaluation_id: str) -> TrainingEvaluation | None:
        found = self.rows.get(evaluation_id)
        return replace(found, records=dict(found.records)) if found else None

    async def of_completion(self, completion_id: str) -> TrainingEvaluation | None:
        return next((e for e in self.rows.values() if e.completion_id == completion_id), None)

    async def save(self, evaluation: TrainingEvaluation) -> None:
        self.rows[evaluation.id] = replace(evaluation, records=dict(evaluation.records))

    async def list(
        self,
        *,
        scope: Scope,
        status: EvaluationStatus | None,
        now: datetime,
        limit: int,
        offset: int,
    ) -> list[TrainingEvaluation]:
        found = [
            e
            for e in sorted(self.rows.values(), key=lambda e: (e.due_at, e.id))
            if _in(scope, e.agency_code) and (status is None or e.status(now) is status)
        ]
        return found[offset : offset + limit]


class FakeEvaluationUnitOfWork(FakeUnitOfWorkBase):
    def __init__(self) -> None:
        super().__init__()
        self.agencies = FakeAgencies()
        self.frameworks = FakeFrameworks()
        self.framework_drafts = FakeFrameworkDrafts()
        self.technical = FakeTechnical()
        self.positions = FakePositions()
        self.employees = FakeEmployees()
        self.results = FakeResults()
        self.training_evaluations = FakeTrainingEvaluations()

    async def record_result(self, result: AssessmentResult) -> bool:
        """As on SQL: what was published and audited goes with a new result, or nowhere."""
        if await self.results.recorded_as(result) is not None:
            self.drop_effects()
            return False
        self.results.rows.append(result)
        return True
