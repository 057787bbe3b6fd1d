from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response

from bangkom.kernel.calendar import year_of
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.errors import error_responses
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.platform.web.spreadsheets import Format, download, download_responses, paged
from bangkom.training.domain.ledger import EmployeeCompliance
from bangkom.training.entrypoints.api.deps import BusDep, ClockDep
from bangkom.training.entrypoints.api.paths import CodePath
from bangkom.training.entrypoints.api.reports import COMPLIANCE, compliance_row
from bangkom.training.entrypoints.api.schemas.compliance import (
    AgencyCompliancePublic,
    ComplianceCheckCreate,
    ComplianceCheckPublic,
    ComplianceChecksPublic,
    CourseDemandPublic,
    EmployeeCompliancePublic,
    EmployeesCompliancePublic,
)
from bangkom.training.handlers import commands, queries

router = ServiceRouter(tags=["20 JP compliance and demand"])

Year = Annotated[int | None, Query(ge=2000, le=2100, description="Default: this year (WIB)")]
PACE = (
    "Pace: by the end of day d of the year (WIB) an agency should have earned "
    "employees x 20 x d / days-in-year JP toward the target, each employee counting up to "
    "20 JP; it is behind pace below that. Counted: active PNS."
)


@router.get(
    "/compliance/agencies",
    summary="20 JP compliance of each agency in your scope, with its pace",
    description=PACE,
    responses=error_responses(422),
)
async def agencies(
    caller: CallerDep, bus: BusDep, clock: ClockDep, paging: PagingDep, year: Year = None
) -> Page[AgencyCompliancePublic]:
    now = clock()
    async with bus.uow_factory() as uow:
        found = await queries.agencies_compliance(uow, caller, year or year_of(now), now)
    return Page[AgencyCompliancePublic].sliced(
        [AgencyCompliancePublic.of(f) for f in found], paging
    )


@router.get(
    "/compliance/agencies/{agency_code}",
    summary="20 JP compliance of an agency together with every agency below it",
    description=PACE,
    responses=error_responses(404, 422),
)
async def agency(
    agency_code: CodePath, caller: CallerDep, bus: BusDep, clock: ClockDep, year: Year = None
) -> AgencyCompliancePublic:
    now = clock()
    async with bus.uow_factory() as uow:
        found = await queries.agency_compliance(uow, caller, agency_code, year or year_of(now), now)
    return AgencyCompliancePublic.of(found)


@router.get(
    "/compliance/agencies/{agency_code}/employees",
    summary="Each counted employee's JP this year, fewest first",
    responses=error_responses(404, 422),
)
async def agency_employees(
    agency_code: CodePath,
    caller: CallerDep,
    bus: BusDep,
    clock: ClockDep,
    paging: PagingDep,
    year: Year = None,
    below_target: Annotated[bool, Query(description="Only those below 20 JP")] = False,
) -> EmployeesCompliancePublic:
    async with bus.uow_factory() as uow:
        page = await queries.agency_employees_compliance(
            uow,
            caller,
            agency_code,
            year or year_of(clock()),
            below_target_only=below_target,
            limit=paging.limit,
            offset=paging.offset,
        )
    return EmployeesCompliancePublic.counted(
        [EmployeeCompliancePublic.of(e) for e in page.items], paging, page.total
    )


@router.get(
    "/compliance/agencies/{agency_code}/employees.{file_format}",
    summary="Each counted employee's JP of the year as CSV or an Excel workbook",
    description="Headers in Bahasa Indonesia; the rows are read and written a page at a "
    "time, so a province's roster streams.",
    response_class=Response,
    responses=download_responses(404),
)
async def agency_employees_download(
    agency_code: CodePath,
    file_format: Format,
    caller: CallerDep,
    bus: BusDep,
    clock: ClockDep,
    year: Year = None,
) -> Response:
    year = year or year_of(clock())

    async def read(offset: int, limit: int) -> list[EmployeeCompliance]:
        async with bus.uow_factory() as uow:
            found = await queries.agency_employees_compliance(
                uow, caller, agency_code, year, limit=limit, offset=offset
            )
        return found.items

    employees = await paged(read)  # out of scope: a 404 before anything is sent
    return await download(
        COMPLIANCE,
        file_format,
        (compliance_row(e) async for e in employees),
        f"kepatuhan-20jp-{agency_code}-{year}",
    )


@router.post(
    "/compliance/checks",
    summary="Check every agency against the pace; alert those that fell behind",
    description=(
        PACE + " Publishes ComplianceFellBehind when an agency is behind and was not at its "
        "previous check. Run daily, e.g. by a CronJob with a service token "
        "(province admin or service)."
    ),
    responses=error_responses(403, 422),
)
async def check(
    caller: CallerDep, bus: BusDep, body: ComplianceCheckCreate | None = None
) -> ComplianceChecksPublic:
    checks = await bus.handle(
        commands.CheckCompliance(caller=caller, year=body.year if body else None)
    )
    return ComplianceChecksPublic(checks=[ComplianceCheckPublic.of_check(c) for c in checks])


@router.get(
    "/demand",
    summary="Demand per course from the aggregated training needs of your agencies",
    description=(
        "People per agency needing a competency the course develops (from the survey "
        "service's aggregated needs), and the sessions still to plan for them."
    ),
    responses=error_responses(422),
)
async def demand(
    caller: CallerDep,
    bus: BusDep,
    clock: ClockDep,
    paging: PagingDep,
    period: Annotated[
        str | None, Query(max_length=32, description="Planning period; default: the latest")
    ] = None,
) -> Page[CourseDemandPublic]:
    async with bus.uow_factory() as uow:
        found = await queries.course_demand(uow, caller, period=period, now=clock())
    return Page[CourseDemandPublic].sliced([CourseDemandPublic.of(d) for d in found], paging)
