"""Who answers a survey and how far they are: tracking, reminders, each respondent's
form, a supervisor's subordinates, and explicit changes to the respondent list."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.paging import PagingDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.survey.entrypoints.api.deps import BusDep, Responses
from bangkom.survey.entrypoints.api.schemas.participation import (
    AgencyTallyPublic,
    FormItemPublic,
    ProgressListPublic,
    ProgressPublic,
    RespondentFormPublic,
    RespondentPublic,
    TrackingPublic,
    UnitTallyPublic,
)
from bangkom.survey.entrypoints.api.schemas.surveys import ExtraQuestionPublic
from bangkom.survey.handlers import commands, queries

router = ServiceRouter(prefix="/surveys/{survey_id}", tags=["respondents and tracking"])

NOT_FOUND: Responses = {404: {"description": "No such survey or respondent, or outside your scope"}}
OPERATORS: Responses = {403: {"description": "For operators of the survey's agencies and admins"}}


@router.get(
    "/tracking",
    summary="Response rate per agency and unit (your agencies only)",
    responses={**NOT_FOUND, **OPERATORS},
)
async def tracking(survey_id: str, caller: CallerDep, bus: BusDep) -> TrackingPublic:
    async with bus.uow_factory() as uow:
        found = await queries.tracking(uow, caller, survey_id)
    return TrackingPublic(
        survey_id=found.survey.id,
        status=found.survey.status,
        deadline=found.survey.deadline,
        eligible=found.eligible,
        answered=found.answered,
        response_rate=found.response_rate,
        agencies=[
            AgencyTallyPublic(
                **UnitTallyPublic.of(a).model_dump(),
                units=[UnitTallyPublic.of(u) for u in a.units],
            )
            for a in found.agencies
        ],
    )


@router.get(
    "/respondents",
    summary="Respondents in your agencies; answered=false lists who has not answered yet "
    "(for reminders)",
    responses={**NOT_FOUND, **OPERATORS},
)
async def list_respondents(
    survey_id: str,
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    agency_code: Annotated[
        str | None, Query(description="Only this agency or unit and its units")
    ] = None,
    answered: bool | None = None,
) -> ProgressListPublic:
    async with bus.uow_factory() as uow:
        found = await queries.respondents(
            uow,
            caller,
            survey_id,
            agency_code=agency_code,
            answered=answered,
            limit=paging.fetch_limit,
            offset=paging.offset,
        )
    return ProgressListPublic.fetched([ProgressPublic.of(p) for p in found], paging)


@router.get(
    "/respondents/{nip}",
    summary="One respondent's form: the competencies of their position's standard with "
    "the required level, and the extra questions",
    description="For the respondent, their supervisor and their agency's operators.",
    responses=NOT_FOUND,
)
async def respondent_form(
    survey_id: str, nip: str, caller: CallerDep, bus: BusDep
) -> RespondentFormPublic:
    async with bus.uow_factory() as uow:
        form = await queries.respondent_form(uow, caller, survey_id, nip)
    return RespondentFormPublic(
        survey_id=form.survey.id,
        survey_status=form.survey.status,
        respondent=RespondentPublic.of(form.respondent),
        competencies=[
            FormItemPublic(**item.question.__dict__, required_level=item.required_level)
            for item in form.items
        ],
        extra_questions=[ExtraQuestionPublic.of(q) for q in form.survey.extra_questions],
        answered_at=form.answered_at,
        rated_at=form.rated_at,
    )


@router.put(
    "/respondents/{nip}",
    summary="Add a late joiner from the roster, or bring back an excluded respondent",
    description="The respondent list is fixed at opening; this is the explicit, recorded "
    "way to change it while the survey is open.",
    responses={
        **NOT_FOUND,
        409: {"description": "The survey is not open"},
        422: {"description": "The employee is inactive or outside the survey's agencies"},
    },
)
async def include_respondent(
    survey_id: str, nip: str, caller: CallerDep, bus: BusDep
) -> RespondentPublic:
    respondent = await bus.handle(
        commands.IncludeRespondent(caller=caller, survey_id=survey_id, nip=nip)
    )
    return RespondentPublic.of(respondent)


@router.delete(
    "/respondents/{nip}",
    summary="Exclude a respondent who left (moved, retired): out of the denominator, "
    "answers kept but not counted",
    responses={**NOT_FOUND, 409: {"description": "The survey is not open"}},
)
async def exclude_respondent(
    survey_id: str,
    nip: str,
    caller: CallerDep,
    bus: BusDep,
    reason: Annotated[str, Query(min_length=1, max_length=500, description="Why")],
) -> RespondentPublic:
    respondent = await bus.handle(
        commands.ExcludeRespondent(caller=caller, survey_id=survey_id, nip=nip, reason=reason)
    )
    return RespondentPublic.of(respondent)


@router.get(
    "/subordinates",
    summary="Your subordinates among the respondents, and whether you have rated them",
    responses=NOT_FOUND,
)
async def subordinates(
    survey_id: str, caller: CallerDep, bus: BusDep, paging: PagingDep
) -> ProgressListPublic:
    async with bus.uow_factory() as uow:
        found = await queries.subordinates(uow, caller, survey_id)
    return ProgressListPublic.sliced([ProgressPublic.of(p) for p in found], paging)
