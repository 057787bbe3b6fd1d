from __future__ import annotations

from fastapi import Response

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.paging import PagingDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.recommendation.entrypoints.api.deps import BusDep, ViewsDep
from bangkom.recommendation.entrypoints.api.schemas.gaps import (
    EmployeeGapsPublic,
    employee_gaps_json,
)
from bangkom.recommendation.entrypoints.api.schemas.proposals import ProposalPublic, ProposalsPublic
from bangkom.recommendation.handlers.queries import employees as queries

router = ServiceRouter(prefix="/employees", tags=["employees"])


@router.get(
    "/{nip}/gaps",
    summary="Competency gaps of one employee against their standard",
    response_model=EmployeeGapsPublic,
)
async def employee_gaps(nip: str, caller: CallerDep, views: ViewsDep) -> Response:
    found = await queries.employee_gaps(views, caller, nip)
    return Response(employee_gaps_json(found), media_type="application/json")


@router.get("/{nip}/proposals", summary="Training proposals of one employee, newest first")
async def employee_proposals(
    nip: str, caller: CallerDep, bus: BusDep, paging: PagingDep
) -> ProposalsPublic:
    async with bus.uow_factory() as uow:
        proposals = await queries.employee_proposals(uow, caller, nip)
        own = await queries.self_acceptable_ids(uow, caller, proposals)
    return ProposalsPublic.sliced(ProposalPublic.each_of(proposals, own), paging)
