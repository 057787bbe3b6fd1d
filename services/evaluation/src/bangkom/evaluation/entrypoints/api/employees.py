from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter

from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.entrypoints.api.schemas import EmployeeCreate, EmployeePublic, ResultPublic
from bangkom.evaluation.handlers import commands, queries
from bangkom.platform.auth.rest import CallerDep

router = APIRouter(prefix="/employees", tags=["employees"])


@router.put("", summary="Register an employee or change their agency, position or status")
async def register_employee(body: EmployeeCreate, caller: CallerDep, bus: BusDep) -> EmployeePublic:
    employee = await bus.handle(commands.RegisterEmployee(caller=caller, **body.model_dump()))
    return EmployeePublic(**asdict(employee))


@router.get("/{nip}", summary="One employee of the roster")
async def get_employee(nip: str, caller: CallerDep, bus: BusDep) -> EmployeePublic:
    async with bus.uow_factory() as uow:
        employee = await queries.get_employee(uow, caller, nip)
    return EmployeePublic(**asdict(employee))


@router.get("/{nip}/results", summary="Assessment results of one employee, newest first")
async def list_results(nip: str, caller: CallerDep, bus: BusDep) -> list[ResultPublic]:
    async with bus.uow_factory() as uow:
        results = await queries.list_results(uow, caller, nip)
    return [ResultPublic(**asdict(r)) for r in results]
