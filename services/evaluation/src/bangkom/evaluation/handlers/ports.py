"""What the handlers need from storage; adapters implement it, unit tests fake it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from bangkom.evaluation.domain.agency import Agency
from bangkom.evaluation.domain.framework import Competency, Framework, PositionType
from bangkom.evaluation.domain.model import AssessmentResult, Employee, Position
from bangkom.platform.db.uow import UnitOfWork

Scope = frozenset[str] | None  # root agency codes; None = every agency


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


class TechnicalCompetencyRepository(Protocol):
    async def get(self, code: str) -> tuple[Competency, int] | None: ...

    async def save(self, competency: Competency, version: int, changed_at: datetime) -> None: ...

    async def list(self, *, scope: Scope) -> list[tuple[Competency, int]]: ...


class PositionRepository(Protocol):
    async def get(self, code: str) -> Position | None: ...

    async def save(self, position: Position) -> None: ...

    async def of_types(self, types: Iterable[PositionType]) -> list[Position]: ...

    async def list(self, *, scope: Scope, limit: int, offset: int) -> list[Position]: ...


class EmployeeRepository(Protocol):
    async def get(self, nip: str) -> Employee | None: ...

    async def save(self, employee: Employee) -> None: ...

    async def list(
        self, *, scope: Scope, active: bool | None, limit: int, offset: int
    ) -> list[Employee]: ...


class ResultRepository(Protocol):
    async def add(self, result: AssessmentResult) -> None: ...

    async def list_for(self, nip: str) -> list[AssessmentResult]: ...


class EvaluationUnitOfWork(UnitOfWork, Protocol):
    agencies: AgencyRepository
    frameworks: FrameworkRepository
    technical: TechnicalCompetencyRepository
    positions: PositionRepository
    employees: EmployeeRepository
    results: ResultRepository
