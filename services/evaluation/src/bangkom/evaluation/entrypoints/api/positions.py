from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, status

from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.entrypoints.api.schemas import PositionCreate, PositionPublic
from bangkom.evaluation.handlers import commands, queries
from bangkom.platform.auth.rest import CallerDep

router = APIRouter(prefix="/positions", tags=["positions"])


@router.put(
    "",
    status_code=status.HTTP_200_OK,
    summary="Define a position and its competency standard (a changed standard is a new version)",
)
async def define_position(body: PositionCreate, caller: CallerDep, bus: BusDep) -> PositionPublic:
    position = await bus.handle(commands.DefinePosition(caller=caller, **body.model_dump()))
    return PositionPublic(**asdict(position))


@router.get("/{code}", summary="One position and its current standard")
async def get_position(code: str, caller: CallerDep, bus: BusDep) -> PositionPublic:
    async with bus.uow_factory() as uow:
        position = await queries.get_position(uow, caller, code)
    return PositionPublic(**asdict(position))
