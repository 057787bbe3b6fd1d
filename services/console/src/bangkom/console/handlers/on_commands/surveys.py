"""Survei kebutuhan: an HR office plans a survey, opens and closes it; an employee
answers the one assigned to them. The survey API checks each against the person's
agencies (or their own NIP)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from bangkom.console.domain.surveys import (
    Campaign,
    InvalidAnswer,
    rating_from_form,
    response_from_form,
)
from bangkom.console.handlers.access import require_own_nip, require_staff
from bangkom.console.handlers.ports import Apis, Json, Refused
from bangkom.console.handlers.viewer import Viewer


async def plan_survey(
    apis: Apis,
    viewer: Viewer,
    *,
    title: str,
    period: str,
    agency_codes: str,
    deadline: date | None,
) -> Json:
    """A draft for the agencies given (comma-separated); an operator's own by default."""
    require_staff(viewer)
    codes = tuple(c.strip() for c in agency_codes.split(",") if c.strip()) or viewer.agencies
    campaign = Campaign(title.strip(), period.strip(), codes, deadline)
    problem = campaign.problem()
    if problem:
        raise Refused(problem)
    return await apis.plan_survey(campaign.body())


async def open_survey(apis: Apis, viewer: Viewer, survey_id: str) -> Json:
    require_staff(viewer)
    return await apis.open_survey(survey_id)


async def close_survey(apis: Apis, viewer: Viewer, survey_id: str) -> Json:
    require_staff(viewer)
    return await apis.close_survey(survey_id)


async def answer_survey(
    apis: Apis, viewer: Viewer, survey_id: str, form: Mapping[str, str]
) -> Json:
    """The employee's own response, from their form (its competencies as the survey
    fixed them at opening)."""
    nip = require_own_nip(viewer)
    questionnaire = await apis.survey_form(survey_id, nip)
    try:
        response = response_from_form(
            form, questionnaire["competencies"], questionnaire["extra_questions"]
        )
    except InvalidAnswer as invalid:
        raise Refused(str(invalid)) from invalid
    return await apis.answer_survey(survey_id, nip, response)


async def rate_subordinate(
    apis: Apis, viewer: Viewer, survey_id: str, nip: str, form: Mapping[str, str]
) -> Json:
    """A supervisor's rating of a subordinate's current levels, from their form."""
    require_own_nip(viewer)
    questionnaire = await apis.survey_form(survey_id, nip)
    try:
        rating = rating_from_form(form, questionnaire["competencies"])
    except InvalidAnswer as invalid:
        raise Refused(str(invalid)) from invalid
    return await apis.rate_subordinate(survey_id, nip, rating)
