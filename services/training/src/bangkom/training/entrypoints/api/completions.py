from __future__ import annotations

from typing import Annotated

from fastapi import Query, status

from bangkom.kernel.calendar import year_of
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.catalog.types import NipStr
from bangkom.platform.web.errors import error_responses
from bangkom.platform.web.paging import PagingDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.training.domain.catalog import CompetencyStep
from bangkom.training.entrypoints.api.deps import BusDep, ClockDep
from bangkom.training.entrypoints.api.paths import IdPath, NipPath
from bangkom.training.entrypoints.api.schemas.completions import (
    CompletionPublic,
    CompletionsPublic,
    ExternalCompletionCreate,
    LedgerPublic,
)
from bangkom.training.handlers import commands, queries

router = ServiceRouter(tags=["completions and the JP ledger"])

Year = Annotated[int | None, Query(ge=2000, le=2100, description="Default: this year (WIB)")]


@router.post(
    "/completions",
    status_code=status.HTTP_201_CREATED,
    summary="Record training done outside the catalog's sessions (LMS, certificate, other)",
    description=(
        "The source and its reference are kept as evidence; the same reference is recorded "
        "once per employee (409). A catalog course_code supplies the title, JP, mode and "
        "competencies the report leaves out. Publishes CompletionRecorded."
    ),
    responses=error_responses(403, 404, 409, 422),
)
async def record_external(
    body: ExternalCompletionCreate, caller: CallerDep, bus: BusDep
) -> CompletionPublic:
    fields = body.model_dump(exclude={"competencies"})
    competencies = (
        [CompetencyStep(**c.model_dump()) for c in body.competencies]
        if body.competencies is not None
        else None
    )
    completion = await bus.handle(
        commands.RecordExternalCompletion(caller=caller, competencies=competencies, **fields)
    )
    return CompletionPublic.of(completion)


@router.get(
    "/completions",
    summary="Completions of your agencies' employees (employees: their own), newest first",
    responses=error_responses(422),
)
async def search_completions(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    nip: Annotated[NipStr | None, Query()] = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> CompletionsPublic:
    async with bus.uow_factory() as uow:
        page = await queries.search_completions(
            uow, caller, nip=nip, year=year, limit=paging.limit, offset=paging.offset
        )
    return CompletionsPublic.counted(
        [CompletionPublic.of(c) for c in page.items], paging, page.total
    )


@router.get(
    "/completions/{completion_id}", summary="One completion", responses=error_responses(404, 422)
)
async def get_completion(completion_id: IdPath, caller: CallerDep, bus: BusDep) -> CompletionPublic:
    async with bus.uow_factory() as uow:
        return CompletionPublic.of(await queries.get_completion(uow, caller, completion_id))


@router.get(
    "/employees/{nip}/ledger",
    summary="An employee's JP ledger for one year, against the 20 JP target",
    responses=error_responses(404, 422),
)
async def employee_ledger(
    nip: NipPath, caller: CallerDep, bus: BusDep, clock: ClockDep, year: Year = None
) -> LedgerPublic:
    async with bus.uow_factory() as uow:
        ledger = await queries.employee_ledger(uow, caller, nip, year or year_of(clock()))
    return LedgerPublic.of(ledger)
