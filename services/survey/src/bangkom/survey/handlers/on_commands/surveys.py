"""Campaign lifecycle: plan and revise a draft, open it (snapshot of the questionnaire
and of the respondents), close it (aggregate and publish the needs), and explicit
changes to the respondent list while it is open."""

from __future__ import annotations

import uuid

from bangkom.platform.auth import Caller
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import Conflict, NotFound
from bangkom.survey.domain import eligibility
from bangkom.survey.domain.eligibility import Respondent
from bangkom.survey.domain.needs import agency_needs
from bangkom.survey.domain.surveys import Survey
from bangkom.survey.handlers import commands
from bangkom.survey.handlers.access import managed_survey, require_agencies, visible_survey
from bangkom.survey.handlers.lookups import known_agencies
from bangkom.survey.handlers.ports import SurveyUnitOfWork
from bangkom.survey.handlers.publishing import needs_aggregated, status_changed
from bangkom.survey.handlers.snapshot import take_snapshot


async def plan_survey(
    cmd: commands.PlanSurvey, uow: SurveyUnitOfWork, clock: Clock = utc_now
) -> Survey:
    require_agencies(cmd.caller, cmd.campaign.agency_codes)
    await known_agencies(uow, cmd.campaign.agency_codes, field="agency_codes")
    now = clock()
    survey = Survey.plan(str(uuid.uuid4()), cmd.campaign, by=cmd.caller.subject, at=now)
    await uow.surveys.add(survey)
    uow.publish(status_changed(survey, now))
    return survey


async def revise_survey(
    cmd: commands.ReviseSurvey, uow: SurveyUnitOfWork, clock: Clock = utc_now
) -> Survey:
    survey = await managed_survey(uow, cmd.caller, cmd.survey_id, lock="update")
    require_agencies(cmd.caller, cmd.campaign.agency_codes)
    await known_agencies(uow, cmd.campaign.agency_codes, field="agency_codes")
    survey.revise(cmd.campaign, at=clock())
    await uow.surveys.save(survey)
    return survey


async def open_survey(
    cmd: commands.OpenSurvey, uow: SurveyUnitOfWork, clock: Clock = utc_now
) -> Survey:
    survey = await managed_survey(uow, cmd.caller, cmd.survey_id, lock="update")
    busy = [s for s in await uow.surveys.open_overlapping(survey.agency_codes) if s.id != survey.id]
    if busy:
        raise Conflict(
            f"survey {busy[0].id} ({busy[0].title}) is already open for "
            f"{', '.join(busy[0].agency_codes)}; close it first"
        )
    now = clock()
    snapshot = await take_snapshot(uow, survey, by=cmd.caller.subject, at=now)
    survey.open(snapshot.questionnaire, len(snapshot.respondents), by=cmd.caller.subject, at=now)
    await uow.respondents.add_many(snapshot.respondents)
    await uow.surveys.save(survey)
    uow.publish(status_changed(survey, now))
    return survey


async def close_survey(
    cmd: commands.CloseSurvey, uow: SurveyUnitOfWork, clock: Clock = utc_now
) -> Survey:
    """Close and aggregate in one transaction: the needs published are exactly the
    answers the survey closed with (answering holds a shared lock on the survey)."""
    survey = await managed_survey(uow, cmd.caller, cmd.survey_id, lock="update")
    now = clock()
    survey.close(by=cmd.caller.subject, at=now)
    await uow.surveys.save(survey)
    uow.publish(status_changed(survey, now))
    names = {q.competency_code: q.competency_name for q in survey.questionnaire}
    # One agency at a time keeps a province-wide survey's memory bounded. Every agency
    # gets its event, also when nobody answered (a headcount and no needs), so that
    # training and recommendation learn that this period's survey is over.
    for agency in survey.agency_codes:
        needs = agency_needs(
            agency,
            await uow.respondents.of_agency(survey.id, agency),
            await uow.responses.of_agency(survey.id, agency),
            await uow.ratings.of_agency(survey.id, agency),
            names,
        )
        await uow.needs.save(survey.id, needs, now)
        uow.publish(needs_aggregated(survey, needs, now))
    return survey


async def _respondent_change(
    uow: SurveyUnitOfWork, caller: Caller, survey_id: str, nip: str
) -> tuple[Survey, Respondent | None]:
    """Each agency's operator changes the list for their own people, even in a
    multi-agency survey, so seeing the survey is enough here; the respondent's agency
    is checked by the caller of this function."""
    survey = await visible_survey(uow, caller, survey_id, lock="share")
    survey.require_open()
    return survey, await uow.respondents.get(survey.id, nip, lock=True)


async def include_respondent(
    cmd: commands.IncludeRespondent, uow: SurveyUnitOfWork, clock: Clock = utc_now
) -> Respondent:
    survey, existing = await _respondent_change(uow, cmd.caller, cmd.survey_id, cmd.nip)
    now = clock()
    if existing is not None:
        if not cmd.caller.may_manage_agency(existing.agency_code):
            raise NotFound(f"respondent {cmd.nip} not found in survey {survey.id}")
        if not existing.excluded:
            return existing
        respondent = eligibility.include(existing, by=cmd.caller.subject, at=now)
        await uow.respondents.save(respondent)
        return respondent
    employee = await uow.employees.get(cmd.nip)
    if employee is None or not cmd.caller.may_manage_agency(employee.agency_code):
        raise NotFound(f"employee {cmd.nip} not found")
    standard = await uow.standards.get(employee.position_code)
    respondent = eligibility.respondent_of(
        survey.id, survey.agency_codes, employee, standard, by=cmd.caller.subject, at=now
    )
    await uow.respondents.add_many([respondent])
    return respondent


async def exclude_respondent(
    cmd: commands.ExcludeRespondent, uow: SurveyUnitOfWork, clock: Clock = utc_now
) -> Respondent:
    survey, existing = await _respondent_change(uow, cmd.caller, cmd.survey_id, cmd.nip)
    if existing is None or not cmd.caller.may_manage_agency(existing.agency_code):
        raise NotFound(f"respondent {cmd.nip} not found in survey {survey.id}")
    if existing.excluded:
        return existing
    respondent = eligibility.exclude(existing, cmd.reason, by=cmd.caller.subject, at=clock())
    await uow.respondents.save(respondent)
    return respondent
