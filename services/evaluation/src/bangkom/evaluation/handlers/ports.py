"""What the handlers need from storage; adapters implement it, unit tests fake it."""

from __future__ import annotations

from typing import Protocol

from bangkom.evaluation.domain.model import AssessmentResult, Employee, Position
from bangkom.platform.db.uow import UnitOfWork


class PositionRepository(Protocol):
    async def get(self, code: str) -> Position | None: ...

    async def save(self, position: Position) -> None: ...


class EmployeeRepository(Protocol):
    async def get(self, nip: str) -> Employee | None: ...

    async def save(self, employee: Employee) -> None: ...


class ResultRepository(Protocol):
    async def add(self, result: AssessmentResult) -> None: ...

    async def list_for(self, nip: str) -> list[AssessmentResult]: ...


class EvaluationUnitOfWork(UnitOfWork, Protocol):
    positions: PositionRepository
    employees: EmployeeRepository
    results: ResultRepository
