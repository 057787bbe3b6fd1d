"""Reads, filtered by the caller's scope."""

from __future__ import annotations

from bangkom.platform.auth import Caller
from bangkom.platform.errors import NotFound
from bangkom.survey.domain.respondents import Respondent
from bangkom.survey.handlers.ports import SurveyUnitOfWork


async def agency_respondents(
    uow: SurveyUnitOfWork, caller: Caller, agency_code: str, *, limit: int, offset: int
) -> list[Respondent]:
    if not caller.may_manage_agency(agency_code):
        raise NotFound(f"agency {agency_code} not found")
    return await uow.respondents.in_agency(agency_code, limit=limit, offset=offset)
