"""The nine-box: one employee's place (now or on a date), the agencies' boxes, and an
agency's talent policy."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

from bangkom.career.domain.ninebox import TALENT_POOL, box_name
from bangkom.career.entrypoints.api.deps import BusDep, PolicyDep
from bangkom.career.entrypoints.api.schemas.talent import (
    BoxCount,
    NineBoxSummary,
    PlacementPublic,
    PolicyBody,
    PolicyPublic,
)
from bangkom.career.handlers import commands, queries
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.catalog.types import Day
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter

router = ServiceRouter(tags=["nine-box"])


@router.get(
    "/employees/{nip}/nine-box",
    summary="An employee's nine-box placement, now or at the end of a day (WIB)",
    description="Operators of the employee's agency; the employee themself only where "
    "their agency's policy allows it.",
)
async def employee_box(
    nip: str,
    caller: CallerDep,
    bus: BusDep,
    on: Annotated[Day | None, Query(description="As it was at the end of this day")] = None,
) -> PlacementPublic:
    day: date | None = on
    async with bus.uow_factory() as uow:
        return PlacementPublic.of(await queries.placement(uow, caller, nip, day))


@router.get("/nine-box", summary="Placements in the caller's agencies, highest box first")
async def nine_box(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    agency_code: Annotated[str | None, Query(max_length=64)] = None,
    box: Annotated[int | None, Query(ge=1, le=9)] = None,
) -> Page[PlacementPublic]:
    async with bus.uow_factory() as uow:
        found = await queries.nine_box(
            uow,
            caller,
            agency_code=agency_code,
            box=box,
            limit=paging.fetch_limit,
            offset=paging.offset,
        )
    return Page[PlacementPublic].fetched([PlacementPublic.of(p) for p in found], paging)


@router.get("/nine-box/summary", summary="Employees per box in the caller's agencies")
async def nine_box_summary(
    caller: CallerDep, bus: BusDep, agency_code: Annotated[str | None, Query(max_length=64)] = None
) -> NineBoxSummary:
    async with bus.uow_factory() as uow:
        counts = await queries.nine_box_counts(uow, caller, agency_code)
    boxes = [*range(9, 0, -1), None]
    return NineBoxSummary(
        boxes=[BoxCount(box=b, box_name=box_name(b), employees=counts.get(b, 0)) for b in boxes],
        employees=sum(counts.values()),
        talent_pool=sum(counts.get(b, 0) for b in TALENT_POOL),
    )


@router.get("/agencies/{agency_code}/talent-policy", summary="An agency's potential rule")
async def get_policy(
    agency_code: str, caller: CallerDep, bus: BusDep, policy: PolicyDep
) -> PolicyPublic:
    async with bus.uow_factory() as uow:
        return PolicyPublic.of(await queries.agency_policy(uow, caller, agency_code, policy))


@router.put("/agencies/{agency_code}/talent-policy", summary="Set an agency's potential rule")
async def set_policy(
    agency_code: str, body: PolicyBody, caller: CallerDep, bus: BusDep
) -> PolicyPublic:
    policy = await bus.handle(
        commands.SetAgencyPolicy(
            caller,
            agency_code,
            body.target_step,
            body.assessment_weight,
            body.high_from,
            body.medium_from,
            body.ready_now_from,
            body.ready_soon_from,
            body.employees_see_own_box,
        )
    )
    return PolicyPublic.of(policy)
