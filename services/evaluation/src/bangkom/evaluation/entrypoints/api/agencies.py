from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.entrypoints.api.schemas import AgencyCreate, AgencyPublic
from bangkom.evaluation.handlers import commands, queries
from bangkom.platform.auth.rest import CallerDep

router = APIRouter(prefix="/agencies", tags=["agencies"])


@router.put("", summary="Define an agency in the hierarchy (operators: units of their agency)")
async def define_agency(body: AgencyCreate, caller: CallerDep, bus: BusDep) -> AgencyPublic:
    agency = await bus.handle(commands.DefineAgency(caller=caller, **body.model_dump()))
    return AgencyPublic.of(agency)


@router.get("", summary="Agencies in the caller's scope")
async def list_agencies(
    caller: CallerDep,
    bus: BusDep,
    parent_code: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[AgencyPublic]:
    async with bus.uow_factory() as uow:
        found = await queries.list_agencies(
            uow, caller, parent_code=parent_code, limit=limit, offset=offset
        )
    return [AgencyPublic.of(a) for a in found]


@router.get("/{code}", summary="One agency")
async def get_agency(code: str, caller: CallerDep, bus: BusDep) -> AgencyPublic:
    async with bus.uow_factory() as uow:
        return AgencyPublic.of(await queries.get_agency(uow, caller, code))
