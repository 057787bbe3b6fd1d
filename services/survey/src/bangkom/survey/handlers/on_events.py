"""Keep the respondent list in step with the roster."""

from __future__ import annotations

from bangkom.platform.catalog import EmployeeUpdated
from bangkom.survey.domain.respondents import Respondent
from bangkom.survey.handlers.ports import SurveyUnitOfWork


async def on_employee_updated(event: EmployeeUpdated, uow: SurveyUnitOfWork) -> None:
    incoming = Respondent(
        nip=event.nip,
        name=event.name,
        agency_code=event.agency_code,
        position_code=event.position_code,
        active=event.active,
        changed_at=event.changed_at,
    )
    if incoming.is_newer_than(await uow.respondents.get(event.nip)):
        await uow.respondents.save(incoming)
