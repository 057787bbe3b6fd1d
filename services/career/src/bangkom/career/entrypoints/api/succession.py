"""Critical positions (marked by their agency's operators) and their pools."""

from __future__ import annotations

from fastapi import status

from bangkom.career.entrypoints.api.deps import BusDep
from bangkom.career.entrypoints.api.schemas.succession import (
    CriticalBody,
    CriticalPublic,
    MemberPublic,
    PoolPublic,
)
from bangkom.career.handlers import commands, queries
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter

router = ServiceRouter(prefix="/succession", tags=["succession"])


@router.get("", summary="Critical positions in the caller's agencies")
async def critical_positions(
    caller: CallerDep, bus: BusDep, paging: PagingDep
) -> Page[CriticalPublic]:
    async with bus.uow_factory() as uow:
        found = await queries.critical_positions(uow, caller)
    return Page[CriticalPublic].sliced([CriticalPublic.of(p) for p in found], paging)


@router.put(
    "/{position_code}",
    summary="Mark a position critical: its pool is filled now and kept current by events",
)
async def mark_critical(
    position_code: str, body: CriticalBody, caller: CallerDep, bus: BusDep
) -> CriticalPublic:
    plan = await bus.handle(
        commands.MarkCritical(caller, position_code, body.pool_size, body.minimum_ready)
    )
    return CriticalPublic.of(plan)


@router.delete(
    "/{position_code}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="The position is no longer critical",
)
async def unmark_critical(position_code: str, caller: CallerDep, bus: BusDep) -> None:
    await bus.handle(commands.UnmarkCritical(caller, position_code))


@router.get("/{position_code}/pool", summary="The succession pool of a critical position")
async def pool(position_code: str, caller: CallerDep, bus: BusDep) -> PoolPublic:
    async with bus.uow_factory() as uow:
        plan, members = await queries.pool(uow, caller, position_code)
    return PoolPublic(
        position=CriticalPublic.of(plan), members=[MemberPublic.of(m) for m in members]
    )
