"""A respondent's own response and their supervisor's rating."""

from __future__ import annotations

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.survey.domain.responses import CompetencyAnswer
from bangkom.survey.entrypoints.api.deps import BusDep, Responses
from bangkom.survey.entrypoints.api.schemas.answers import (
    RatingPublic,
    RatingSubmit,
    ResponsePublic,
    ResponseSubmit,
)
from bangkom.survey.handlers import commands, queries

router = ServiceRouter(prefix="/surveys/{survey_id}", tags=["answers"])

REFUSALS: Responses = {
    403: {"description": "Not your own response / not your subordinate, or not eligible"},
    404: {"description": "No such survey or respondent, or outside your scope"},
    409: {"description": "The survey is not open (a closed survey takes no more answers)"},
    422: {"description": "A value out of range or not on the form; the detail names the field"},
}


@router.put(
    "/responses/{nip}",
    summary="Answer (or replace) a respondent's response while the survey is open",
    description="Employees answer their own; an operator of the respondent's agency may "
    "type in a paper form (recorded as answered_by). Every competency of the "
    "respondent's form is answered once.",
    responses=REFUSALS,
)
async def submit_response(
    survey_id: str, nip: str, body: ResponseSubmit, caller: CallerDep, bus: BusDep
) -> ResponsePublic:
    response = await bus.handle(
        commands.SubmitResponse(
            caller=caller,
            survey_id=survey_id,
            nip=nip,
            answers=tuple(CompetencyAnswer(**a.model_dump()) for a in body.answers),
            extra_answers=body.extra_answers,
            comment=body.comment,
        )
    )
    return ResponsePublic.of(response)


@router.get(
    "/responses/{nip}",
    summary="A respondent's response (for them and their agency's operators)",
    responses={404: REFUSALS[404]},
)
async def get_response(survey_id: str, nip: str, caller: CallerDep, bus: BusDep) -> ResponsePublic:
    async with bus.uow_factory() as uow:
        response = await queries.get_response(uow, caller, survey_id, nip)
    return ResponsePublic.of(response)


@router.put(
    "/supervisor-ratings/{nip}",
    summary="Rate (or re-rate) a subordinate's current levels while the survey is open",
    description="By the supervisor the roster named at opening, or an operator of the "
    "subordinate's agency. Rate the competencies you can judge; where you do not, the "
    "employee's own level counts.",
    responses=REFUSALS,
)
async def rate_subordinate(
    survey_id: str, nip: str, body: RatingSubmit, caller: CallerDep, bus: BusDep
) -> RatingPublic:
    rating = await bus.handle(
        commands.RateSubordinate(
            caller=caller,
            survey_id=survey_id,
            nip=nip,
            levels=tuple((level.competency_code, level.level) for level in body.levels),
            note=body.note,
        )
    )
    return RatingPublic.of(rating)


@router.get(
    "/supervisor-ratings/{nip}",
    summary="The supervisor's rating of a respondent (for the supervisor and operators)",
    responses={404: REFUSALS[404]},
)
async def get_rating(survey_id: str, nip: str, caller: CallerDep, bus: BusDep) -> RatingPublic:
    async with bus.uow_factory() as uow:
        rating = await queries.get_rating(uow, caller, survey_id, nip)
    return RatingPublic.of(rating)
