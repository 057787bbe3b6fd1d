"""SKM periods for the operators of a service unit: open one, follow its IKM, close it
(the IKM is then published as an event)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response, status

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.catalog.types import Code
from bangkom.platform.web.attachments import attachment
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.survey.entrypoints.api import satisfaction_exports as exports
from bangkom.survey.entrypoints.api.deps import BusDep, Responses
from bangkom.survey.entrypoints.api.schemas.satisfaction import (
    PeriodCreate,
    PeriodPublic,
    PeriodScorePublic,
)
from bangkom.survey.entrypoints.api.schemas.satisfaction_report import SatisfactionReportPublic
from bangkom.survey.handlers import commands, queries

router = ServiceRouter(prefix="/satisfaction/periods", tags=["public satisfaction"])
NOT_FOUND: Responses = {404: {"description": "No such period, or outside your agencies"}}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Open an SKM period of a service unit for the public's answers",
    responses={403: {"description": "The unit is outside your agencies"}},
)
async def open_period(body: PeriodCreate, caller: CallerDep, bus: BusDep) -> PeriodPublic:
    period = await bus.handle(
        commands.OpenSatisfactionPeriod(
            caller=caller, unit_code=body.unit_code, label=body.label, population=body.population
        )
    )
    return PeriodPublic.of(period)


@router.get("", summary="SKM periods of the units in your agencies, newest first")
async def list_periods(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    unit_code: Annotated[Code | None, Query()] = None,
) -> Page[PeriodPublic]:
    async with bus.uow_factory() as uow:
        found = await queries.satisfaction_periods(uow, caller, unit_code)
    return Page[PeriodPublic].sliced([PeriodPublic.of(p) for p in found], paging)


@router.get(
    "/{period_id}",
    summary="A period and its IKM so far (NRR per element, IKM, grade, sample warning)",
    responses=NOT_FOUND,
)
async def get_period(period_id: str, caller: CallerDep, bus: BusDep) -> PeriodScorePublic:
    async with bus.uow_factory() as uow:
        found = await queries.satisfaction_period(uow, caller, period_id)
    return PeriodScorePublic.scored(found)


@router.post(
    "/{period_id}/close",
    summary="Close the period: no more answers; its IKM is published",
    responses={**NOT_FOUND, 409: {"description": "Closed already"}},
)
async def close_period(period_id: str, caller: CallerDep, bus: BusDep) -> PeriodScorePublic:
    await bus.handle(commands.CloseSatisfactionPeriod(caller=caller, period_id=period_id))
    async with bus.uow_factory() as uow:
        found = await queries.satisfaction_period(uow, caller, period_id)
    return PeriodScorePublic.scored(found)


@router.get(
    "/{period_id}/report",
    summary="Results per element, per group of respondents and per period of the unit",
    responses=NOT_FOUND,
)
async def report(period_id: str, caller: CallerDep, bus: BusDep) -> SatisfactionReportPublic:
    async with bus.uow_factory() as uow:
        found = await queries.satisfaction_report(uow, caller, period_id)
    return SatisfactionReportPublic.of(found)


def _attachment(found: queries.SatisfactionReport, name: str) -> dict[str, str]:
    period = found.current.period
    label = "".join(c if c.isalnum() or c in "-_" else "-" for c in period.label)
    filename = f"skm-{period.unit_code}-{label}-{name}"
    return attachment(filename)


@router.get(
    "/{period_id}/report.csv",
    summary="One table of the report as CSV (headers in Bahasa Indonesia)",
    response_class=Response,
    responses={**NOT_FOUND, 200: {"content": {"text/csv": {}}, "description": "CSV, UTF-8"}},
)
async def report_csv(
    period_id: str,
    caller: CallerDep,
    bus: BusDep,
    table: Annotated[exports.Table, Query(description="Which table")] = exports.Table.ELEMENTS,
) -> Response:
    async with bus.uow_factory() as uow:
        found = await queries.satisfaction_report(uow, caller, period_id)
    return Response(
        exports.to_csv(found, table),
        media_type="text/csv; charset=utf-8",
        headers=_attachment(found, f"{table.value}.csv"),
    )


@router.get(
    "/{period_id}/report.xlsx",
    summary="The report as an Excel workbook, a sheet per table",
    response_class=Response,
    responses={**NOT_FOUND, 200: {"content": {XLSX: {}}, "description": "XLSX workbook"}},
)
async def report_xlsx(period_id: str, caller: CallerDep, bus: BusDep) -> Response:
    async with bus.uow_factory() as uow:
        found = await queries.satisfaction_report(uow, caller, period_id)
    return Response(
        exports.to_xlsx(found), media_type=XLSX, headers=_attachment(found, "laporan.xlsx")
    )
