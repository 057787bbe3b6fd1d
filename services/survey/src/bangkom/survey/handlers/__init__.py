"""Which command goes to which handler, and which consumed event to which handlers."""

from __future__ import annotations

from bangkom.platform.bus import CommandHandler
from bangkom.platform.catalog import (
    EmployeeUpdated,
    FrameworkPublished,
    StandardPublished,
    TechnicalCompetencyUpdated,
)
from bangkom.platform.messaging.consumer import EventHandlers
from bangkom.survey.handlers import commands, on_answers, on_commands, on_events

COMMAND_HANDLERS: dict[type, CommandHandler] = {
    commands.PlanSurvey: on_commands.plan_survey,
    commands.ReviseSurvey: on_commands.revise_survey,
    commands.OpenSurvey: on_commands.open_survey,
    commands.CloseSurvey: on_commands.close_survey,
    commands.IncludeRespondent: on_commands.include_respondent,
    commands.ExcludeRespondent: on_commands.exclude_respondent,
    commands.SubmitResponse: on_answers.submit_response,
    commands.RateSubordinate: on_answers.rate_subordinate,
}

EVENT_HANDLERS: EventHandlers = {
    EmployeeUpdated: [on_events.on_employee_updated],
    StandardPublished: [on_events.on_standard_published],
    FrameworkPublished: [on_events.on_framework_published],
    TechnicalCompetencyUpdated: [on_events.on_technical_competency_updated],
}
