"""What the handlers need from storage; adapters implement it, unit tests fake it."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Protocol

from bangkom.evaluation.domain.agency import Agency
from bangkom.evaluation.domain.case_import import FrameworkDraft
from bangkom.evaluation.domain.framework import (
    Competency,
    Framework,
    PositionType,
    TechnicalDefinition,
)
from bangkom.evaluation.domain.import_job import ImportJob
from bangkom.evaluation.domain.imports import ImportStatus, RowError
from bangkom.evaluation.domain.model import AssessmentResult, Employee, Position
from bangkom.evaluation.domain.roster_search import RosterSearch
from bangkom.evaluation.domain.training_evaluation import EvaluationStatus, TrainingEvaluation
from bangkom.platform.db.uow import UnitOfWork

Scope = frozenset[str] | None  # root agency codes; None = every agency
SheetRow = tuple[int, dict[str, str] | RowError]  # (row number, cells or why unreadable)


class AgencyRepository(Protocol):
    async def get(self, code: str) -> Agency | None: ...

    async def save(self, agency: Agency) -> None: ...

    async def list(
        self, *, scope: Scope, parent_code: str | None, limit: int, offset: int
    ) -> list[Agency]: ...


class FrameworkRepository(Protocol):
    async def current(self) -> Framework | None: ...

    async def get(self, version: int) -> Framework | None: ...

    async def versions(self) -> list[tuple[int, datetime]]: ...

    async def add(self, framework: Framework) -> None: ...

    async def history(self) -> list[Framework]:
        """Every version, the oldest first."""
        ...

    async def mark_public(self, version: int, public: bool) -> None: ...


class TechnicalCompetencyRepository(Protocol):
    async def get(self, code: str) -> tuple[Competency, int] | None: ...

    async def save(self, competency: Competency, version: int, changed_at: datetime) -> None: ...

    async def list(self, *, scope: Scope) -> list[TechnicalDefinition]: ...


class FrameworkDraftRepository(Protocol):
    async def add(self, draft: FrameworkDraft) -> None: ...

    async def get(self, draft_id: str) -> FrameworkDraft | None: ...

    async def list(self, *, limit: int, offset: int) -> list[FrameworkDraft]:
        """The newest first."""
        ...

    async def mark_published(self, draft_id: str, version: int, at: datetime) -> None: ...


class PositionRepository(Protocol):
    async def get(self, code: str) -> Position | None: ...

    async def save(self, position: Position) -> None: ...

    async def of_types(self, types: Iterable[PositionType]) -> list[Position]: ...

    async def of_codes(self, codes: Iterable[str]) -> dict[str, Position]:
        """These positions by code (codes of no position left out)."""
        ...

    async def list(self, *, scope: Scope, limit: int, offset: int) -> list[Position]: ...


class EmployeeRepository(Protocol):
    async def prefetch(self, nips: Iterable[str]) -> None:
        """Load these employees at once (a batch of an import asks for them one by one)."""

    async def get(self, nip: str) -> Employee | None: ...

    async def save(self, employee: Employee) -> None: ...

    async def agencies_of(self, nips: Iterable[str]) -> dict[str, str]: ...

    async def count_on_positions(self, position_codes: Iterable[str]) -> dict[str, int]:
        """Active employees per position (positions without any left out)."""
        ...

    async def list(
        self,
        *,
        scope: Scope,
        active: bool | None,
        limit: int,
        offset: int,
        search: RosterSearch | None = None,
    ) -> list[Employee]: ...


class ResultRepository(Protocol):
    async def add(self, result: AssessmentResult) -> AssessmentResult:
        """Store it unless one with its natural key is recorded; return the recorded."""
        ...

    async def recorded_as(self, result: AssessmentResult) -> AssessmentResult | None:
        """The result recorded with its natural key (employee, competency, method, time)."""
        ...

    async def add_many(self, results: list[AssessmentResult]) -> list[AssessmentResult]: ...

    async def list_for(self, nip: str) -> list[AssessmentResult]: ...

    async def of_employees(self, nips: Iterable[str]) -> list[AssessmentResult]:
        """Every result of these employees, in no particular order."""
        ...


class ImportJobRepository(Protocol):
    async def add(self, job: ImportJob) -> None: ...

    async def get(self, job_id: str) -> ImportJob | None: ...

    async def save(self, job: ImportJob) -> None: ...

    async def add_errors(self, job_id: str, errors: list[RowError]) -> None: ...

    async def errors(self, job_id: str, *, limit: int, offset: int) -> list[RowError]: ...

    async def unfinished(self) -> list[ImportJob]:
        """Jobs queued or running (oldest first): live somewhere, or cut short."""
        ...

    async def listed(
        self,
        *,
        requested_by: str | None,
        statuses: Collection[ImportStatus],
        limit: int,
        offset: int,
    ) -> list[ImportJob]:
        """Jobs newest first, of one requester (None: anyone's), in ``statuses`` (empty:
        any)."""
        ...


class TrainingEvaluationRepository(Protocol):
    async def get(self, evaluation_id: str) -> TrainingEvaluation | None: ...

    async def of_completion(self, completion_id: str) -> TrainingEvaluation | None: ...

    async def save(self, evaluation: TrainingEvaluation) -> None: ...

    async def list(
        self,
        *,
        scope: Scope,
        status: EvaluationStatus | None,
        now: datetime,
        limit: int,
        offset: int,
    ) -> list[TrainingEvaluation]: ...


class SpreadsheetReader(Protocol):
    """Reads uploaded CSV/XLSX files as a stream of rows."""

    def header(self, path: Path, filename: str) -> list[str]: ...

    def rows(
        self, path: Path, filename: str
    ) -> Iterator[tuple[int, dict[str, str] | RowError]]: ...


class EvaluationUnitOfWork(UnitOfWork, Protocol):
    agencies: AgencyRepository
    frameworks: FrameworkRepository
    framework_drafts: FrameworkDraftRepository
    technical: TechnicalCompetencyRepository
    positions: PositionRepository
    employees: EmployeeRepository
    results: ResultRepository
    imports: ImportJobRepository
    training_evaluations: TrainingEvaluationRepository

    async def record_result(self, result: AssessmentResult) -> bool:
        """Store ``result``, and with it what was published and audited so far, unless a
        result with its natural key is recorded: then nothing is written and it returns
        False. (On SQL one statement; before any write it is the commit, and nothing
        may be written after it.)"""
        ...
