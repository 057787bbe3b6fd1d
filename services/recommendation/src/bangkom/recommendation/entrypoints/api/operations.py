from __future__ import annotations

from pydantic import BaseModel, Field

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.recommendation.entrypoints.api.deps import BusDep
from bangkom.recommendation.handlers.queries import employees as queries

router = ServiceRouter(prefix="/recalculations", tags=["operations"])


class RecalculationsPublic(BaseModel):
    pending: int = Field(description="Employees still to recalculate after standard changes")


@router.get(
    "",
    summary="Progress of recalculations after standard changes (province-wide: for "
    "province administrators and services)",
)
async def recalculations(caller: CallerDep, bus: BusDep) -> RecalculationsPublic:
    async with bus.uow_factory() as uow:
        return RecalculationsPublic(pending=await queries.pending_recalculations(uow, caller))
