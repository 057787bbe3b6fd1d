"""Which command goes to which handler, and which consumed event to which handlers."""

from __future__ import annotations

from bangkom.platform.bus import CommandHandler
from bangkom.platform.catalog import (
    CompletionRecorded,
    CourseUpdated,
    DevelopmentPlanApproved,
    EmployeeUpdated,
    EnrolmentChanged,
    EnrolmentRequestDeclined,
    NeedsAggregated,
    PublicSatisfactionPublished,
    ResultRecorded,
    ResultsRecorded,
    StandardPublished,
)
from bangkom.platform.messaging.consumer import EventHandlers
from bangkom.recommendation.handlers import commands, on_events
from bangkom.recommendation.handlers.on_commands import decisions

COMMAND_HANDLERS: dict[type, CommandHandler] = {
    commands.DecideProposal: decisions.decide_proposal,
}

EVENT_HANDLERS: EventHandlers = {
    EmployeeUpdated: [on_events.on_employee_updated],
    StandardPublished: [on_events.on_standard_published],
    CourseUpdated: [on_events.on_course_updated],
    ResultRecorded: [on_events.on_result_recorded],
    ResultsRecorded: [on_events.on_results_recorded],
    NeedsAggregated: [on_events.on_needs_aggregated],
    EnrolmentChanged: [on_events.on_enrolment_changed],
    EnrolmentRequestDeclined: [on_events.on_enrolment_request_declined],
    CompletionRecorded: [on_events.on_completion_recorded],
    PublicSatisfactionPublished: [on_events.on_public_satisfaction_published],
    DevelopmentPlanApproved: [on_events.on_development_plan_approved],
}
