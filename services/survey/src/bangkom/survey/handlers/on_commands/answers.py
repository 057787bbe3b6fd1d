"""Answers while a survey is open: a respondent's own response, and their supervisor's
rating. Both can be replaced until the survey closes; each holds a shared lock on the
survey so that closing waits for it (and it for the close)."""

from __future__ import annotations

from bangkom.platform.auth import Caller, Role
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import AccessDenied, NotFound
from bangkom.survey.domain.eligibility import Respondent
from bangkom.survey.domain.responses import (
    Response,
    SupervisorRating,
    check_response,
    rated_levels,
)
from bangkom.survey.domain.surveys import Survey
from bangkom.survey.handlers import commands
from bangkom.survey.handlers.access import is_self, supervises
from bangkom.survey.handlers.ports import SurveyUnitOfWork


async def _survey_for_answers(uow: SurveyUnitOfWork, survey_id: str) -> Survey:
    survey = await uow.surveys.get(survey_id, lock="share")
    if survey is None:
        raise NotFound(f"survey {survey_id} not found")
    return survey


def _only_employee(caller: Caller) -> bool:
    return caller.agency_scope() == frozenset()


async def submit_response(
    cmd: commands.SubmitResponse, uow: SurveyUnitOfWork, clock: Clock = utc_now
) -> Response:
    """The respondent answers for themself; an operator of their agency may type in a
    paper form for them (recorded as answered_by)."""
    survey = await _survey_for_answers(uow, cmd.survey_id)
    own = is_self(cmd.caller, cmd.nip)
    if not own and _only_employee(cmd.caller):
        raise AccessDenied("an employee may answer only their own response")
    respondent = await uow.respondents.get(survey.id, cmd.nip, lock=True)
    if not own and (respondent is None or not cmd.caller.may_manage_agency(respondent.agency_code)):
        raise NotFound(f"respondent {cmd.nip} not found in survey {survey.id}")
    survey.require_open()
    _require_eligible(survey, cmd.nip, respondent)
    assert respondent is not None
    response = Response(
        survey_id=survey.id,
        nip=cmd.nip,
        answers=cmd.answers,
        extra_answers=dict(cmd.extra_answers),
        comment=cmd.comment,
        answered_by=cmd.caller.subject,
        answered_at=clock(),
    )
    check_response(survey, respondent, response)
    await uow.responses.save(response)
    return response


def _require_eligible(survey: Survey, nip: str, respondent: Respondent | None) -> None:
    if respondent is None or respondent.excluded:
        raise AccessDenied(f"{nip} is not an eligible respondent of survey {survey.id}")


async def rate_subordinate(
    cmd: commands.RateSubordinate, uow: SurveyUnitOfWork, clock: Clock = utc_now
) -> SupervisorRating:
    """The supervisor of record at opening rates; an operator of the subordinate's
    agency may enter the rating for them (e.g. after a change of supervisor)."""
    survey = await _survey_for_answers(uow, cmd.survey_id)
    respondent = await uow.respondents.get(survey.id, cmd.nip, lock=True)
    if is_self(cmd.caller, cmd.nip):
        raise AccessDenied("nobody rates themself as their own supervisor")
    operator = respondent is not None and cmd.caller.may_manage_agency(respondent.agency_code)
    if not operator and (respondent is None or not supervises(cmd.caller, respondent)):
        if Role.EMPLOYEE in cmd.caller.roles and _only_employee(cmd.caller):
            raise AccessDenied(f"{cmd.nip} is not your subordinate in survey {survey.id}")
        raise NotFound(f"respondent {cmd.nip} not found in survey {survey.id}")
    survey.require_open()
    _require_eligible(survey, cmd.nip, respondent)
    assert respondent is not None
    rating = SupervisorRating(
        survey_id=survey.id,
        nip=cmd.nip,
        levels=rated_levels(respondent, cmd.levels, cmd.note),
        note=cmd.note,
        rated_by=cmd.caller.subject,
        rated_at=clock(),
    )
    await uow.ratings.save(rating)
    return rating
