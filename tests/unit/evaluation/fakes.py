from __future__ import annotations

from bangkom.evaluation.domain.model import AssessmentResult, Employee, Position
from tests.fakes import FakeUnitOfWorkBase


class FakePositions:
    def __init__(self) -> None:
        self.rows: dict[str, Position] = {}

    async def get(self, code: str) -> Position | None:
        found = self.rows.get(code)
        return Position(**found.__dict__) if found else None

    async def save(self, position: Position) -> None:
        self.rows[position.code] = Position(**position.__dict__)


class FakeEmployees:
    def __init__(self) -> None:
        self.rows: dict[str, Employee] = {}

    async def get(self, nip: str) -> Employee | None:
        return self.rows.get(nip)

    async def save(self, employee: Employee) -> None:
        self.rows[employee.nip] = employee


class FakeResults:
    def __init__(self) -> None:
        self.rows: list[AssessmentResult] = []

    async def add(self, result: AssessmentResult) -> None:
        self.rows.append(result)

    async def list_for(self, nip: str) -> list[AssessmentResult]:
        return sorted((r for r in self.rows if r.nip == nip), key=lambda r: r.evaluated_at)


class FakeEvaluationUnitOfWork(FakeUnitOfWorkBase):
    def __init__(self) -> None:
        super().__init__()
        self.positions = FakePositions()
        self.employees = FakeEmployees()
        self.results = FakeResults()
