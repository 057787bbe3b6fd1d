from __future__ import annotations

from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.entrypoints.api.schemas.agencies import AgencyCreate, AgencyPublic
from bangkom.evaluation.handlers import commands, queries
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter

router = ServiceRouter(prefix="/agencies", tags=["agencies"])


@router.put("", summary="Define an agency in the hierarchy (operators: units of their agency)")
async def define_agency(body: AgencyCreate, caller: CallerDep, bus: BusDep) -> AgencyPublic:
    agency = await bus.handle(commands.DefineAgency(caller=caller, **body.model_dump()))
    return AgencyPublic.of(agency)


@router.get("", summary="Agencies in the caller's scope")
async def list_agencies(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    parent_code: str | None = None,
) -> Page[AgencyPublic]:
    async with bus.uow_factory() as uow:
        found = await queries.list_agencies(
            uow, caller, parent_code=parent_code, limit=paging.fetch_limit, offset=paging.offset
        )
    return Page[AgencyPublic].fetched([AgencyPublic.of(a) for a in found], paging)


@router.get("/{code}", summary="One agency")
async def get_agency(code: str, caller: CallerDep, bus: BusDep) -> AgencyPublic:
    async with bus.uow_factory() as uow:
        return AgencyPublic.of(await queries.get_agency(uow, caller, code))
