"""Which command goes to which handler, and which consumed event to which handlers."""

from __future__ import annotations

from bangkom.platform.bus import CommandHandler
from bangkom.platform.catalog import (
    AgencyUpdated,
    EmployeeUpdated,
    FrameworkPublished,
    StandardPublished,
    TechnicalCompetencyUpdated,
)
from bangkom.platform.messaging.consumer import EventHandlers
from bangkom.survey.handlers import commands, on_events
from bangkom.survey.handlers.on_commands import answers, satisfaction, surveys

COMMAND_HANDLERS: dict[type, CommandHandler] = {
    commands.PlanSurvey: surveys.plan_survey,
    commands.ReviseSurvey: surveys.revise_survey,
    commands.OpenSurvey: surveys.open_survey,
    commands.CloseSurvey: surveys.close_survey,
    commands.IncludeRespondent: surveys.include_respondent,
    commands.ExcludeRespondent: surveys.exclude_respondent,
    commands.SubmitResponse: answers.submit_response,
    commands.RateSubordinate: answers.rate_subordinate,
    commands.OpenSatisfactionPeriod: satisfaction.open_period,
    commands.CloseSatisfactionPeriod: satisfaction.close_period,
    commands.SubmitPublicAnswer: satisfaction.submit_public_answer,
}

EVENT_HANDLERS: EventHandlers = {
    AgencyUpdated: [on_events.on_agency_updated],
    EmployeeUpdated: [on_events.on_employee_updated],
    StandardPublished: [on_events.on_standard_published],
    FrameworkPublished: [on_events.on_framework_published],
    TechnicalCompetencyUpdated: [on_events.on_technical_competency_updated],
}
