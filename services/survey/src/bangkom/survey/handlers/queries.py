"""Reads, filtered by the caller's scope: out of scope looks the same as absent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bangkom.platform.auth import Caller, Role
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import AccessDenied, Conflict, NotFound
from bangkom.survey.domain.eligibility import Respondent
from bangkom.survey.domain.framework import CompetencyQuestion
from bangkom.survey.domain.needs import AgencyNeeds
from bangkom.survey.domain.responses import Response, SupervisorRating
from bangkom.survey.domain.roster import Employee
from bangkom.survey.domain.satisfaction import (
    SatisfactionPeriod,
    SatisfactionScore,
    sample_warning,
    score,
)
from bangkom.survey.domain.satisfaction_report import GroupScore, PublicAnswer, by_group
from bangkom.survey.domain.surveys import Survey, SurveyStatus
from bangkom.survey.domain.tracking import AgencyTally, Progress, roll_up
from bangkom.survey.handlers.access import is_self, supervises, visible_survey
from bangkom.survey.handlers.ports import SurveyUnitOfWork
from bangkom.survey.handlers.snapshot import take_snapshot


async def agency_employees(
    uow: SurveyUnitOfWork, caller: Caller, agency_code: str, *, limit: int, offset: int
) -> list[Employee]:
    if not caller.may_manage_agency(agency_code):
        raise NotFound(f"agency {agency_code} not found")
    return await uow.employees.in_agency(agency_code, limit=limit, offset=offset)


async def list_surveys(
    uow: SurveyUnitOfWork,
    caller: Caller,
    *,
    status: SurveyStatus | None,
    period: str | None,
    limit: int,
    offset: int,
) -> list[Survey]:
    return await uow.surveys.visible(
        agencies=caller.agency_scope(),
        nip=caller.nip if Role.EMPLOYEE in caller.roles else None,
        status=status,
        period=period,
        limit=limit,
        offset=offset,
    )


@dataclass(frozen=True)
class SurveyView:
    survey: Survey
    questionnaire: list[CompetencyQuestion]
    respondents: int | None  # the would-be respondents while a draft, else None


async def get_survey(
    uow: SurveyUnitOfWork, caller: Caller, survey_id: str, clock: Clock = utc_now
) -> SurveyView:
    survey = await visible_survey(uow, caller, survey_id)
    if survey.status is not SurveyStatus.DRAFT:
        return SurveyView(survey, list(survey.questionnaire), None)
    preview = await take_snapshot(uow, survey, by=caller.subject, at=clock())
    return SurveyView(survey, preview.questionnaire, len(preview.respondents))


def _require_operator(caller: Caller) -> frozenset[str] | None:
    scope = caller.agency_scope()
    if scope == frozenset():
        raise AccessDenied("only operators of the survey's agencies and admins see this")
    return scope


@dataclass(frozen=True)
class Tracking:
    survey: Survey
    agencies: list[AgencyTally]

    @property
    def eligible(self) -> int:
        return sum(a.eligible for a in self.agencies)

    @property
    def answered(self) -> int:
        return sum(a.answered for a in self.agencies)

    @property
    def response_rate(self) -> float:
        return round(self.answered / self.eligible, 4) if self.eligible else 0.0


async def tracking(uow: SurveyUnitOfWork, caller: Caller, survey_id: str) -> Tracking:
    survey = await visible_survey(uow, caller, survey_id)
    scope = _require_operator(caller)
    return Tracking(survey, roll_up(await uow.respondents.tally(survey.id, agencies=scope)))


async def respondents(
    uow: SurveyUnitOfWork,
    caller: Caller,
    survey_id: str,
    *,
    agency_code: str | None,
    answered: bool | None,
    limit: int,
    offset: int,
) -> list[Progress]:
    survey = await visible_survey(uow, caller, survey_id)
    scope = _require_operator(caller)
    return await uow.respondents.progress(
        survey.id,
        agencies=scope,
        agency_code=agency_code,
        answered=answered,
        limit=limit,
        offset=offset,
    )


async def subordinates(uow: SurveyUnitOfWork, caller: Caller, survey_id: str) -> list[Progress]:
    survey = await visible_survey(uow, caller, survey_id)
    if caller.nip is None:
        return []
    return await uow.respondents.supervised_by(survey.id, caller.nip)


@dataclass(frozen=True)
class FormItem:
    question: CompetencyQuestion
    required_level: int


@dataclass(frozen=True)
class RespondentForm:
    survey: Survey
    respondent: Respondent
    items: list[FormItem]
    answered_at: datetime | None
    rated_at: datetime | None


async def _respondent(
    uow: SurveyUnitOfWork,
    caller: Caller,
    survey_id: str,
    nip: str,
    *,
    for_self: bool,
    for_supervisor: bool,
) -> tuple[Survey, Respondent]:
    """A respondent the caller may read: their agency's operators always; the
    respondent and their supervisor where the data is theirs to see."""
    survey = await visible_survey(uow, caller, survey_id)
    respondent = await uow.respondents.get(survey.id, nip)
    if respondent is None or not (
        caller.may_manage_agency(respondent.agency_code)
        or (for_self and is_self(caller, nip))
        or (for_supervisor and supervises(caller, respondent))
    ):
        raise NotFound(f"respondent {nip} not found in survey {survey_id}")
    return survey, respondent


async def respondent_form(
    uow: SurveyUnitOfWork, caller: Caller, survey_id: str, nip: str
) -> RespondentForm:
    """The questions one respondent answers, with their position's required levels."""
    survey, respondent = await _respondent(
        uow, caller, survey_id, nip, for_self=True, for_supervisor=True
    )
    items = [
        FormItem(q, respondent.required[q.competency_code])
        for q in survey.questionnaire
        if q.competency_code in respondent.required
    ]
    response = await uow.responses.get(survey.id, nip)
    rating = await uow.ratings.get(survey.id, nip)
    return RespondentForm(
        survey,
        respondent,
        items,
        response.answered_at if response else None,
        rating.rated_at if rating else None,
    )


async def get_response(uow: SurveyUnitOfWork, caller: Caller, survey_id: str, nip: str) -> Response:
    """The respondent's own answers: for them and their agency's operators only."""
    survey, _ = await _respondent(uow, caller, survey_id, nip, for_self=True, for_supervisor=False)
    response = await uow.responses.get(survey.id, nip)
    if response is None:
        raise NotFound(f"{nip} has not answered survey {survey_id} yet")
    return response


async def get_rating(
    uow: SurveyUnitOfWork, caller: Caller, survey_id: str, nip: str
) -> SupervisorRating:
    """The supervisor's rating: for the supervisor and the agency's operators."""
    survey, _ = await _respondent(uow, caller, survey_id, nip, for_self=False, for_supervisor=True)
    rating = await uow.ratings.get(survey.id, nip)
    if rating is None:
        raise NotFound(f"{nip} has no supervisor rating in survey {survey_id} yet")
    return rating


@dataclass(frozen=True)
class SurveyNeeds:
    survey: Survey
    agencies: list[tuple[AgencyNeeds, datetime]]


async def needs(uow: SurveyUnitOfWork, caller: Caller, survey_id: str) -> SurveyNeeds:
    """Aggregated needs of a closed survey, for the agencies in the caller's scope."""
    survey = await visible_survey(uow, caller, survey_id)
    scope = _require_operator(caller)
    if survey.status is not SurveyStatus.CLOSED:
        raise Conflict(
            f"survey {survey_id} is {survey.status}; needs are aggregated when it closes"
        )
    return SurveyNeeds(survey, await uow.needs.of_survey(survey.id, agencies=scope))


@dataclass(frozen=True)
class PeriodScore:
    period: SatisfactionPeriod
    score: SatisfactionScore

    @property
    def warning(self) -> str | None:
        return sample_warning(self.period.population, self.score.respondents)


async def satisfaction_periods(
    uow: SurveyUnitOfWork, caller: Caller, unit_code: str | None
) -> list[SatisfactionPeriod]:
    return await uow.satisfaction.periods(_require_operator(caller), unit_code)


async def satisfaction_period(uow: SurveyUnitOfWork, caller: Caller, period_id: str) -> PeriodScore:
    """A period and its IKM so far, for the unit's operators."""
    period = await uow.satisfaction.period(period_id)
    if period is None or not caller.may_manage_agency(period.unit_code):
        raise NotFound(f"satisfaction period {period_id} not found")
    return PeriodScore(period, score(await uow.satisfaction.ratings(period.id)))


async def public_period(uow: SurveyUnitOfWork, period_id: str) -> PeriodScore:
    """What the public sees of a period: the form while open; the IKM once closed."""
    period = await uow.satisfaction.period(period_id)
    if period is None:
        raise NotFound(f"satisfaction period {period_id} not found")
    ratings = await uow.satisfaction.ratings(period.id) if period.closed_at else []
    return PeriodScore(period, score(ratings))


@dataclass(frozen=True)
class SatisfactionReport:
    current: PeriodScore
    groups: list[GroupScore]
    answers: list[PublicAnswer]  # for the suggestions
    periods: list[PeriodScore]  # the unit's periods, newest first, this one among them


async def satisfaction_report(
    uow: SurveyUnitOfWork, caller: Caller, period_id: str
) -> SatisfactionReport:
    """A period's results per element and per group of respondents, beside the unit's
    other periods; for the unit's operators."""
    current = await satisfaction_period(uow, caller, period_id)
    answers = await uow.satisfaction.answers(period_id)
    unit = current.period.unit_code
    periods = [
        PeriodScore(p, score(await uow.satisfaction.ratings(p.id)))
        for p in await uow.satisfaction.periods(frozenset({unit}), unit)
    ]
    return SatisfactionReport(current, by_group(answers), answers, periods)
