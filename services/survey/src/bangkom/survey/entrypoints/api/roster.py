from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.paging import Page, PagingDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.survey.entrypoints.api.deps import BusDep
from bangkom.survey.handlers import queries

router = ServiceRouter(prefix="/agencies", tags=["roster"])


class EmployeePublic(BaseModel):
    nip: str
    name: str
    agency_code: str
    position_code: str
    supervisor_nip: str | None
    changed_at: datetime


@router.get(
    "/{agency_code}/respondents",
    summary="Active employees of an agency and its units who may answer its surveys "
    "(from the roster)",
)
async def agency_respondents(
    agency_code: str,
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
) -> Page[EmployeePublic]:
    async with bus.uow_factory() as uow:
        found = await queries.agency_employees(
            uow, caller, agency_code, limit=paging.fetch_limit, offset=paging.offset
        )
    rows = [
        EmployeePublic(
            nip=e.nip,
            name=e.name,
            agency_code=e.agency_code,
            position_code=e.position_code,
            supervisor_nip=e.supervisor_nip,
            changed_at=e.changed_at,
        )
        for e in found
    ]
    return Page[EmployeePublic].fetched(rows, paging)
