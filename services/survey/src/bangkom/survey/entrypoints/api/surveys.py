from __future__ import annotations

from fastapi import status

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.paging import PagingDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.survey.domain.surveys import Campaign, QuestionDraft, SurveyStatus
from bangkom.survey.entrypoints.api.deps import BusDep, Responses
from bangkom.survey.entrypoints.api.schemas.surveys import (
    SurveyCreate,
    SurveyDetailPublic,
    SurveyPublic,
    SurveysPublic,
)
from bangkom.survey.handlers import commands, queries

router = ServiceRouter(prefix="/surveys", tags=["surveys"])

NOT_FOUND: Responses = {404: {"description": "No such survey, or outside your agencies"}}
FORBIDDEN: Responses = {403: {"description": "You do not manage every agency of the survey"}}
WRONG_STATE: Responses = {409: {"description": "The survey is not in the state this needs"}}


def _campaign(body: SurveyCreate) -> Campaign:
    return Campaign(
        title=body.title,
        period=body.period,
        agency_codes=tuple(body.agency_codes),
        description=body.description,
        deadline=body.deadline,
        extra_questions=tuple(
            QuestionDraft(q.text, q.kind, q.required) for q in body.extra_questions
        ),
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Plan a survey campaign (draft) for one or more agencies and a period",
    description="Province admins plan campaigns for any agencies; an operator plans them "
    "for the agencies they manage.",
    responses={403: {"description": "An agency is outside your scope"}},
)
async def plan_survey(body: SurveyCreate, caller: CallerDep, bus: BusDep) -> SurveyPublic:
    survey = await bus.handle(commands.PlanSurvey(caller=caller, campaign=_campaign(body)))
    return SurveyPublic.of(survey)


@router.get("", summary="Surveys you may see (employees: those you answer or supervise in)")
async def list_surveys(
    caller: CallerDep,
    bus: BusDep,
    paging: PagingDep,
    status: SurveyStatus | None = None,
    period: str | None = None,
) -> SurveysPublic:
    async with bus.uow_factory() as uow:
        found = await queries.list_surveys(
            uow,
            caller,
            status=status,
            period=period,
            limit=paging.fetch_limit,
            offset=paging.offset,
        )
    return SurveysPublic.fetched([SurveyPublic.of(s) for s in found], paging)


@router.get(
    "/{survey_id}",
    summary="One survey with its questionnaire (a preview while it is a draft)",
    responses=NOT_FOUND,
)
async def get_survey(survey_id: str, caller: CallerDep, bus: BusDep) -> SurveyDetailPublic:
    async with bus.uow_factory() as uow:
        view = await queries.get_survey(uow, caller, survey_id)
    return SurveyDetailPublic.of_view(view.survey, view.questionnaire, view.respondents)


@router.put(
    "/{survey_id}",
    summary="Revise a draft survey",
    responses={**NOT_FOUND, **FORBIDDEN, **WRONG_STATE},
)
async def revise_survey(
    survey_id: str, body: SurveyCreate, caller: CallerDep, bus: BusDep
) -> SurveyPublic:
    survey = await bus.handle(
        commands.ReviseSurvey(caller=caller, survey_id=survey_id, campaign=_campaign(body))
    )
    return SurveyPublic.of(survey)


@router.post(
    "/{survey_id}/open",
    summary="Open the survey: fixes its questionnaire and its respondents (the active "
    "employees of its agencies now)",
    responses={
        **NOT_FOUND,
        **FORBIDDEN,
        409: {"description": "Not a draft, nobody to ask, or an overlapping survey is open"},
    },
)
async def open_survey(survey_id: str, caller: CallerDep, bus: BusDep) -> SurveyPublic:
    survey = await bus.handle(commands.OpenSurvey(caller=caller, survey_id=survey_id))
    return SurveyPublic.of(survey)


@router.post(
    "/{survey_id}/close",
    summary="Close the survey: aggregates the needs per agency and publishes them",
    responses={**NOT_FOUND, **FORBIDDEN, **WRONG_STATE},
)
async def close_survey(survey_id: str, caller: CallerDep, bus: BusDep) -> SurveyPublic:
    survey = await bus.handle(commands.CloseSurvey(caller=caller, survey_id=survey_id))
    return SurveyPublic.of(survey)
