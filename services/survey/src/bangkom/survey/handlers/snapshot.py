"""What opening a survey fixes: its respondents and its questionnaire (also shown as a
preview while the survey is a draft)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bangkom.survey.domain import eligibility
from bangkom.survey.domain.eligibility import Respondent
from bangkom.survey.domain.framework import CompetencyQuestion, build_questionnaire
from bangkom.survey.domain.surveys import Survey
from bangkom.survey.handlers.ports import SurveyUnitOfWork


@dataclass(frozen=True)
class Snapshot:
    respondents: list[Respondent]
    questionnaire: list[CompetencyQuestion]


async def take_snapshot(
    uow: SurveyUnitOfWork, survey: Survey, *, by: str, at: datetime
) -> Snapshot:
    employees = await uow.employees.active_within(survey.agency_codes)
    standards = await uow.standards.of_positions({e.position_code for e in employees})
    respondents = eligibility.eligible_respondents(
        survey.id, survey.agency_codes, employees, standards, by=by, at=at
    )
    # The agencies' own standards too, also of positions nobody holds today.
    asked = [*standards.values(), *await uow.standards.within(survey.agency_codes)]
    dictionary = await uow.competencies.many({c for s in asked for c in s.required})
    return Snapshot(respondents, build_questionnaire(asked, dictionary))
