"""Reads, filtered by the caller's scope: out of scope looks the same as absent."""

from __future__ import annotations

from bangkom.evaluation.domain.model import AssessmentResult, Employee, Position
from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.platform.auth import Caller
from bangkom.platform.errors import NotFound


async def get_position(uow: EvaluationUnitOfWork, caller: Caller, code: str) -> Position:
    position = await uow.positions.get(code)
    if position is None or not caller.may_manage_agency(position.agency_code):
        raise NotFound(f"position {code} not found")
    return position


async def get_employee(uow: EvaluationUnitOfWork, caller: Caller, nip: str) -> Employee:
    employee = await uow.employees.get(nip)
    if employee is None or not caller.may_read_employee(employee.nip, employee.agency_code):
        raise NotFound(f"employee {nip} not found")
    return employee


async def list_results(
    uow: EvaluationUnitOfWork, caller: Caller, nip: str
) -> list[AssessmentResult]:
    employee = await get_employee(uow, caller, nip)
    return await uow.results.list_for(employee.nip)
