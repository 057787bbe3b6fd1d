from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from bangkom.platform.auth.rest import CallerDep
from bangkom.recommendation.domain.model import ProposalStatus
from bangkom.recommendation.entrypoints.api.deps import BusDep
from bangkom.recommendation.entrypoints.api.schemas import ProposalPublic, ProposalsPublic
from bangkom.recommendation.handlers import queries

router = APIRouter(prefix="/proposals", tags=["proposals"])


@router.get("", summary="Proposals in the caller's agencies (employees: their own)")
async def list_proposals(
    caller: CallerDep,
    bus: BusDep,
    agency_code: str | None = None,
    status: ProposalStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ProposalsPublic:
    async with bus.uow_factory() as uow:
        proposals = await queries.list_proposals(
            uow,
            caller,
            agency_code=agency_code,
            status=status.value if status else None,
            limit=limit,
            offset=offset,
        )
    return ProposalsPublic(
        data=[ProposalPublic.of(p) for p in proposals], limit=limit, offset=offset
    )
