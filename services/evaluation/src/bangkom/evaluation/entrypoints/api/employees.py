from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import Query

from bangkom.evaluation.domain.roster_search import RosterSearch
from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.entrypoints.api.schemas.employees import (
    CompetencyLevelPublic,
    EmployeeCreate,
    EmployeePublic,
    JpmPublic,
    ProfilePublic,
)
from bangkom.evaluation.entrypoints.api.schemas.results import ResultPublic
from bangkom.evaluation.handlers import commands, queries
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter

router = ServiceRouter(prefix="/employees", tags=["employees"])

SearchQuery = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Digits: the start of a NIP; else a part of the name, in any case",
    ),
]


@router.put("", summary="Register an employee or change their agency, position or status")
async def register_employee(body: EmployeeCreate, caller: CallerDep, bus: BusDep) -> EmployeePublic:
    employee = await bus.handle(commands.RegisterEmployee(caller=caller, **body.model_dump()))
    return EmployeePublic(**asdict(employee))


@router.get("", summary="Employees in the caller's agencies (an employee: themself)")
async def list_employees(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    active: bool | None = None,
    q: SearchQuery = None,
) -> Page[EmployeePublic]:
    async with bus.uow_factory() as uow:
        found = await queries.list_employees(
            uow,
            caller,
            active=active,
            limit=paging.fetch_limit,
            offset=paging.offset,
            search=RosterSearch.of(q),
        )
    return Page[EmployeePublic].fetched([EmployeePublic(**asdict(e)) for e in found], paging)


@router.get("/{nip}", summary="One employee of the roster")
async def get_employee(nip: str, caller: CallerDep, bus: BusDep) -> EmployeePublic:
    async with bus.uow_factory() as uow:
        employee = await queries.get_employee(uow, caller, nip)
    return EmployeePublic(**asdict(employee))


@router.get("/{nip}/results", summary="Assessment results of one employee, newest first")
async def list_results(
    nip: str, caller: CallerDep, bus: BusDep, paging: PagingDep
) -> Page[ResultPublic]:
    async with bus.uow_factory() as uow:
        results = await queries.list_results(uow, caller, nip)
    return Page[ResultPublic].sliced([ResultPublic.of(r) for r in results], paging)


@router.get(
    "/{nip}/profile",
    summary="Current level per competency, the position's standard and job-person match",
)
async def employee_profile(nip: str, caller: CallerDep, bus: BusDep) -> ProfilePublic:
    async with bus.uow_factory() as uow:
        profile = await queries.employee_profile(uow, caller, nip)
    employee, position, jpm = profile.employee, profile.position, profile.jpm
    return ProfilePublic(
        nip=employee.nip,
        name=employee.name,
        agency_code=employee.agency_code,
        position_code=employee.position_code,
        position_name=position.name if position else None,
        standard_version=position.standard_version if position else None,
        competencies=[
            CompetencyLevelPublic(
                competency_code=c.competency_code,
                competency_name=c.competency_name,
                required_level=c.required_level,
                current_level=c.current.level if c.current else None,
                current_method=c.current.method if c.current else None,
                evaluated_at=c.current.evaluated_at if c.current else None,
            )
            for c in profile.competencies
        ],
        jpm=JpmPublic.of(jpm),
    )
