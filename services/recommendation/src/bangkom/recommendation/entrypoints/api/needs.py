from __future__ import annotations

from pydantic import BaseModel, Field

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.recommendation.entrypoints.api.deps import BusDep
from bangkom.recommendation.handlers.queries import employees as queries

router = ServiceRouter(prefix="/agencies", tags=["needs"])


class NeedPublic(BaseModel):
    agency_code: str = Field(description="The agency whose survey this came from")
    competency_code: str
    rank: int = Field(description="1 = the most pressing need")
    priority: float
    period: str


@router.get(
    "/{agency_code}/needs",
    summary="Training needs that weigh this agency's proposals (latest closed survey)",
)
async def agency_needs(
    agency_code: str, caller: CallerDep, bus: BusDep, paging: PagingDep
) -> Page[NeedPublic]:
    async with bus.uow_factory() as uow:
        needs = await queries.agency_needs(uow, caller, agency_code)
    return Page[NeedPublic].sliced([NeedPublic(**n.__dict__) for n in needs], paging)
