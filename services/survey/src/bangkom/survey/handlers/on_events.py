"""Keep the agencies, the roster, the standards and the competency dictionary in step
with the evaluation service. Business time (or the version) decides, so a late or replayed
event never overwrites a newer fact."""

from __future__ import annotations

from datetime import datetime

from bangkom.platform.catalog import (
    AgencyUpdated,
    EmployeeUpdated,
    FrameworkPublished,
    StandardPublished,
    TechnicalCompetencyUpdated,
)
from bangkom.platform.catalog.evaluation import CompetencyDefinition
from bangkom.survey.domain.framework import Competency, PositionStandard
from bangkom.survey.domain.roster import Agency, Employee
from bangkom.survey.handlers.ports import SurveyUnitOfWork


async def on_agency_updated(event: AgencyUpdated, uow: SurveyUnitOfWork) -> None:
    incoming = Agency(event.agency_code, event.name, event.active, event.changed_at)
    if incoming.is_newer_than(await uow.agencies.get(event.agency_code)):
        await uow.agencies.save(incoming)


async def on_employee_updated(event: EmployeeUpdated, uow: SurveyUnitOfWork) -> None:
    incoming = Employee(
        nip=event.nip,
        name=event.name,
        agency_code=event.agency_code,
        position_code=event.position_code,
        supervisor_nip=event.supervisor_nip,
        active=event.active,
        changed_at=event.changed_at,
    )
    if incoming.is_newer_than(await uow.employees.get(event.nip)):
        await uow.employees.save(incoming)


async def on_standard_published(event: StandardPublished, uow: SurveyUnitOfWork) -> None:
    incoming = PositionStandard(
        position_code=event.position_code,
        position_name=event.position_name,
        agency_code=event.agency_code,
        version=event.version,
        required={level.competency_code: level.required_level for level in event.levels},
        names={level.competency_code: level.competency_name for level in event.levels},
        published_at=event.published_at,
    )
    if incoming.is_newer_than(await uow.standards.get(event.position_code)):
        await uow.standards.save(incoming)


async def _keep(uow: SurveyUnitOfWork, definition: CompetencyDefinition, at: datetime) -> None:
    incoming = Competency(
        code=definition.code,
        name=definition.name,
        group=definition.group,
        description=definition.description,
        levels={level.level: level.description for level in definition.levels},
        changed_at=at,
    )
    if incoming.is_newer_than(await uow.competencies.get(definition.code)):
        await uow.competencies.save(incoming)


async def on_framework_published(event: FrameworkPublished, uow: SurveyUnitOfWork) -> None:
    for definition in event.competencies:
        await _keep(uow, definition, event.published_at)


async def on_technical_competency_updated(
    event: TechnicalCompetencyUpdated, uow: SurveyUnitOfWork
) -> None:
    await _keep(uow, event.competency, event.changed_at)
