from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from bangkom.platform.auth.rest import CallerDep
from bangkom.survey.entrypoints.api.deps import BusDep
from bangkom.survey.handlers import queries

router = APIRouter(prefix="/agencies", tags=["respondents"])


class RespondentPublic(BaseModel):
    nip: str
    name: str
    agency_code: str
    position_code: str
    changed_at: datetime


@router.get(
    "/{agency_code}/respondents",
    summary="Active employees of an agency who may answer its surveys (from the roster)",
)
async def agency_respondents(
    agency_code: str,
    caller: CallerDep,
    bus: BusDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[RespondentPublic]:
    async with bus.uow_factory() as uow:
        found = await queries.agency_respondents(
            uow, caller, agency_code, limit=limit, offset=offset
        )
    return [
        RespondentPublic(
            nip=r.nip,
            name=r.name,
            agency_code=r.agency_code,
            position_code=r.position_code,
            changed_at=r.changed_at,
        )
        for r in found
    ]
