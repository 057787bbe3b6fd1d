from __future__ import annotations

from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.entrypoints.api.schemas.positions import PositionCreate, PositionPublic
from bangkom.evaluation.handlers import commands, queries
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter

router = ServiceRouter(prefix="/positions", tags=["positions"])


@router.put(
    "",
    summary="Define a position: its type's default standard, overrides, technical competencies",
    responses={409: {"description": "The position code belongs to another agency"}},
)
async def define_position(body: PositionCreate, caller: CallerDep, bus: BusDep) -> PositionPublic:
    position = await bus.handle(commands.DefinePosition(caller=caller, **body.model_dump()))
    return PositionPublic.of(position)


@router.get("", summary="Positions in the caller's agencies")
async def list_positions(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
) -> Page[PositionPublic]:
    async with bus.uow_factory() as uow:
        found = await queries.list_positions(
            uow, caller, limit=paging.fetch_limit, offset=paging.offset
        )
    return Page[PositionPublic].fetched([PositionPublic.of(p) for p in found], paging)


@router.get("/{code}", summary="One position and its current standard")
async def get_position(code: str, caller: CallerDep, bus: BusDep) -> PositionPublic:
    async with bus.uow_factory() as uow:
        return PositionPublic.of(await queries.get_position(uow, caller, code))
